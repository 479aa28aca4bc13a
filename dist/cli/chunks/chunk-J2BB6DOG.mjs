import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-OEJ5TTXT.mjs";

// builtin-through-require:child_process
var require_child_process = __commonJS({
  "builtin-through-require:child_process"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:child_process");
    module.exports = /* @__PURE__ */ Object.create({
      get "_forkChild"() {
        return load()["_forkChild"];
      },
      get "ChildProcess"() {
        return load()["ChildProcess"];
      },
      get "exec"() {
        return load()["exec"];
      },
      get "execFile"() {
        return load()["execFile"];
      },
      get "execFileSync"() {
        return load()["execFileSync"];
      },
      get "execSync"() {
        return load()["execSync"];
      },
      get "fork"() {
        return load()["fork"];
      },
      get "spawn"() {
        return load()["spawn"];
      },
      get "spawnSync"() {
        return load()["spawnSync"];
      }
    });
  }
});

export {
  require_child_process
};
