import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-OEJ5TTXT.mjs";

// builtin-through-require:os
var require_os = __commonJS({
  "builtin-through-require:os"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:os");
    module.exports = /* @__PURE__ */ Object.create({
      get "arch"() {
        return load()["arch"];
      },
      get "availableParallelism"() {
        return load()["availableParallelism"];
      },
      get "cpus"() {
        return load()["cpus"];
      },
      get "endianness"() {
        return load()["endianness"];
      },
      get "freemem"() {
        return load()["freemem"];
      },
      get "getPriority"() {
        return load()["getPriority"];
      },
      get "homedir"() {
        return load()["homedir"];
      },
      get "hostname"() {
        return load()["hostname"];
      },
      get "loadavg"() {
        return load()["loadavg"];
      },
      get "networkInterfaces"() {
        return load()["networkInterfaces"];
      },
      get "platform"() {
        return load()["platform"];
      },
      get "release"() {
        return load()["release"];
      },
      get "setPriority"() {
        return load()["setPriority"];
      },
      get "tmpdir"() {
        return load()["tmpdir"];
      },
      get "totalmem"() {
        return load()["totalmem"];
      },
      get "type"() {
        return load()["type"];
      },
      get "userInfo"() {
        return load()["userInfo"];
      },
      get "uptime"() {
        return load()["uptime"];
      },
      get "version"() {
        return load()["version"];
      },
      get "machine"() {
        return load()["machine"];
      },
      get "constants"() {
        return load()["constants"];
      },
      get "EOL"() {
        return load()["EOL"];
      },
      get "devNull"() {
        return load()["devNull"];
      }
    });
  }
});

export {
  require_os
};
