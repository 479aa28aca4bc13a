import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-OEJ5TTXT.mjs";

// builtin-through-require:util
var require_util = __commonJS({
  "builtin-through-require:util"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:util");
    module.exports = /* @__PURE__ */ Object.create({
      get "_errnoException"() {
        return load()["_errnoException"];
      },
      get "_exceptionWithHostPort"() {
        return load()["_exceptionWithHostPort"];
      },
      get "_extend"() {
        return load()["_extend"];
      },
      get "callbackify"() {
        return load()["callbackify"];
      },
      get "convertProcessSignalToExitCode"() {
        return load()["convertProcessSignalToExitCode"];
      },
      get "debug"() {
        return load()["debug"];
      },
      get "debuglog"() {
        return load()["debuglog"];
      },
      get "deprecate"() {
        return load()["deprecate"];
      },
      get "format"() {
        return load()["format"];
      },
      get "styleText"() {
        return load()["styleText"];
      },
      get "formatWithOptions"() {
        return load()["formatWithOptions"];
      },
      get "getCallSites"() {
        return load()["getCallSites"];
      },
      get "getSystemErrorMap"() {
        return load()["getSystemErrorMap"];
      },
      get "getSystemErrorName"() {
        return load()["getSystemErrorName"];
      },
      get "getSystemErrorMessage"() {
        return load()["getSystemErrorMessage"];
      },
      get "inherits"() {
        return load()["inherits"];
      },
      get "inspect"() {
        return load()["inspect"];
      },
      get "isArray"() {
        return load()["isArray"];
      },
      get "isDeepStrictEqual"() {
        return load()["isDeepStrictEqual"];
      },
      get "markPromiseAsHandled"() {
        return load()["markPromiseAsHandled"];
      },
      get "promisify"() {
        return load()["promisify"];
      },
      get "stripVTControlCharacters"() {
        return load()["stripVTControlCharacters"];
      },
      get "toUSVString"() {
        return load()["toUSVString"];
      },
      get "transferableAbortSignal"() {
        return load()["transferableAbortSignal"];
      },
      get "transferableAbortController"() {
        return load()["transferableAbortController"];
      },
      get "aborted"() {
        return load()["aborted"];
      },
      get "types"() {
        return load()["types"];
      },
      get "parseEnv"() {
        return load()["parseEnv"];
      },
      get "parseArgs"() {
        return load()["parseArgs"];
      },
      get "TextDecoder"() {
        return load()["TextDecoder"];
      },
      get "TextEncoder"() {
        return load()["TextEncoder"];
      },
      get "MIMEType"() {
        return load()["MIMEType"];
      },
      get "MIMEParams"() {
        return load()["MIMEParams"];
      },
      get "diff"() {
        return load()["diff"];
      },
      get "debounce"() {
        return load()["debounce"];
      },
      get "throttle"() {
        return load()["throttle"];
      },
      get "setTraceSigInt"() {
        return load()["setTraceSigInt"];
      }
    });
  }
});

export {
  require_util
};
