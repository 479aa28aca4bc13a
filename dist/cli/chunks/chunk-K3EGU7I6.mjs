import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-OEJ5TTXT.mjs";

// builtin-through-require:path
var require_path = __commonJS({
  "builtin-through-require:path"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:path");
    module.exports = /* @__PURE__ */ Object.create({
      get "resolve"() {
        return load()["resolve"];
      },
      get "normalize"() {
        return load()["normalize"];
      },
      get "isAbsolute"() {
        return load()["isAbsolute"];
      },
      get "join"() {
        return load()["join"];
      },
      get "relative"() {
        return load()["relative"];
      },
      get "toNamespacedPath"() {
        return load()["toNamespacedPath"];
      },
      get "dirname"() {
        return load()["dirname"];
      },
      get "basename"() {
        return load()["basename"];
      },
      get "extname"() {
        return load()["extname"];
      },
      get "format"() {
        return load()["format"];
      },
      get "parse"() {
        return load()["parse"];
      },
      get "matchesGlob"() {
        return load()["matchesGlob"];
      },
      get "sep"() {
        return load()["sep"];
      },
      get "delimiter"() {
        return load()["delimiter"];
      },
      get "win32"() {
        return load()["win32"];
      },
      get "posix"() {
        return load()["posix"];
      },
      get "_makeLong"() {
        return load()["_makeLong"];
      }
    });
  }
});

export {
  require_path
};
