import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-OEJ5TTXT.mjs";

// builtin-through-require:url
var require_url = __commonJS({
  "builtin-through-require:url"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:url");
    module.exports = /* @__PURE__ */ Object.create({
      get "Url"() {
        return load()["Url"];
      },
      get "parse"() {
        return load()["parse"];
      },
      get "resolve"() {
        return load()["resolve"];
      },
      get "resolveObject"() {
        return load()["resolveObject"];
      },
      get "format"() {
        return load()["format"];
      },
      get "URL"() {
        return load()["URL"];
      },
      get "URLPattern"() {
        return load()["URLPattern"];
      },
      get "URLSearchParams"() {
        return load()["URLSearchParams"];
      },
      get "domainToASCII"() {
        return load()["domainToASCII"];
      },
      get "domainToUnicode"() {
        return load()["domainToUnicode"];
      },
      get "pathToFileURL"() {
        return load()["pathToFileURL"];
      },
      get "fileURLToPath"() {
        return load()["fileURLToPath"];
      },
      get "fileURLToPathBuffer"() {
        return load()["fileURLToPathBuffer"];
      },
      get "urlToHttpOptions"() {
        return load()["urlToHttpOptions"];
      }
    });
  }
});

export {
  require_url
};
