import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-OEJ5TTXT.mjs";

// builtin-through-require:buffer
var require_buffer = __commonJS({
  "builtin-through-require:buffer"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:buffer");
    module.exports = /* @__PURE__ */ Object.create({
      get "Buffer"() {
        return load()["Buffer"];
      },
      get "SlowBuffer"() {
        return load()["SlowBuffer"];
      },
      get "transcode"() {
        return load()["transcode"];
      },
      get "isUtf8"() {
        return load()["isUtf8"];
      },
      get "isAscii"() {
        return load()["isAscii"];
      },
      get "kMaxLength"() {
        return load()["kMaxLength"];
      },
      get "kStringMaxLength"() {
        return load()["kStringMaxLength"];
      },
      get "btoa"() {
        return load()["btoa"];
      },
      get "atob"() {
        return load()["atob"];
      },
      get "constants"() {
        return load()["constants"];
      },
      get "INSPECT_MAX_BYTES"() {
        return load()["INSPECT_MAX_BYTES"];
      },
      get "Blob"() {
        return load()["Blob"];
      },
      get "resolveObjectURL"() {
        return load()["resolveObjectURL"];
      },
      get "File"() {
        return load()["File"];
      }
    });
  }
});

export {
  require_buffer
};
