import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-OEJ5TTXT.mjs";

// builtin-through-require:fs/promises
var require_promises = __commonJS({
  "builtin-through-require:fs/promises"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:fs/promises");
    module.exports = /* @__PURE__ */ Object.create({
      get "access"() {
        return load()["access"];
      },
      get "copyFile"() {
        return load()["copyFile"];
      },
      get "cp"() {
        return load()["cp"];
      },
      get "glob"() {
        return load()["glob"];
      },
      get "open"() {
        return load()["open"];
      },
      get "opendir"() {
        return load()["opendir"];
      },
      get "rename"() {
        return load()["rename"];
      },
      get "truncate"() {
        return load()["truncate"];
      },
      get "rm"() {
        return load()["rm"];
      },
      get "rmdir"() {
        return load()["rmdir"];
      },
      get "mkdir"() {
        return load()["mkdir"];
      },
      get "readdir"() {
        return load()["readdir"];
      },
      get "readlink"() {
        return load()["readlink"];
      },
      get "symlink"() {
        return load()["symlink"];
      },
      get "lstat"() {
        return load()["lstat"];
      },
      get "stat"() {
        return load()["stat"];
      },
      get "statfs"() {
        return load()["statfs"];
      },
      get "link"() {
        return load()["link"];
      },
      get "unlink"() {
        return load()["unlink"];
      },
      get "chmod"() {
        return load()["chmod"];
      },
      get "lchmod"() {
        return load()["lchmod"];
      },
      get "lchown"() {
        return load()["lchown"];
      },
      get "chown"() {
        return load()["chown"];
      },
      get "utimes"() {
        return load()["utimes"];
      },
      get "lutimes"() {
        return load()["lutimes"];
      },
      get "realpath"() {
        return load()["realpath"];
      },
      get "mkdtemp"() {
        return load()["mkdtemp"];
      },
      get "mkdtempDisposable"() {
        return load()["mkdtempDisposable"];
      },
      get "writeFile"() {
        return load()["writeFile"];
      },
      get "appendFile"() {
        return load()["appendFile"];
      },
      get "readFile"() {
        return load()["readFile"];
      },
      get "watch"() {
        return load()["watch"];
      },
      get "constants"() {
        return load()["constants"];
      }
    });
  }
});

export {
  require_promises
};
