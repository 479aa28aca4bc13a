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
    module.exports = Object.create(new Proxy({}, { get: (_, member) => load()[member], has: (_, member) => member in load() }));
  }
});

export {
  require_child_process
};
