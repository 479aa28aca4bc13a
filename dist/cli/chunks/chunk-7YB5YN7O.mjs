import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-OEJ5TTXT.mjs";

// builtin-through-require:stream
var require_stream = __commonJS({
  "builtin-through-require:stream"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:stream");
    module.exports = /* @__PURE__ */ Object.create({
      get "isDestroyed"() {
        return load()["isDestroyed"];
      },
      get "isDisturbed"() {
        return load()["isDisturbed"];
      },
      get "isErrored"() {
        return load()["isErrored"];
      },
      get "isReadable"() {
        return load()["isReadable"];
      },
      get "isWritable"() {
        return load()["isWritable"];
      },
      get "Readable"() {
        return load()["Readable"];
      },
      get "Writable"() {
        return load()["Writable"];
      },
      get "Duplex"() {
        return load()["Duplex"];
      },
      get "Transform"() {
        return load()["Transform"];
      },
      get "PassThrough"() {
        return load()["PassThrough"];
      },
      get "duplexPair"() {
        return load()["duplexPair"];
      },
      get "pipeline"() {
        return load()["pipeline"];
      },
      get "addAbortSignal"() {
        return load()["addAbortSignal"];
      },
      get "finished"() {
        return load()["finished"];
      },
      get "destroy"() {
        return load()["destroy"];
      },
      get "compose"() {
        return load()["compose"];
      },
      get "setDefaultHighWaterMark"() {
        return load()["setDefaultHighWaterMark"];
      },
      get "getDefaultHighWaterMark"() {
        return load()["getDefaultHighWaterMark"];
      },
      get "promises"() {
        return load()["promises"];
      },
      get "Stream"() {
        return load()["Stream"];
      },
      get "_isArrayBufferView"() {
        return load()["_isArrayBufferView"];
      },
      get "_isUint8Array"() {
        return load()["_isUint8Array"];
      },
      get "_uint8ArrayToBuffer"() {
        return load()["_uint8ArrayToBuffer"];
      }
    });
  }
});

export {
  require_stream
};
