import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-OEJ5TTXT.mjs";

// builtin-through-require:http
var require_http = __commonJS({
  "builtin-through-require:http"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:http");
    module.exports = /* @__PURE__ */ Object.create({
      get "_connectionListener"() {
        return load()["_connectionListener"];
      },
      get "METHODS"() {
        return load()["METHODS"];
      },
      get "STATUS_CODES"() {
        return load()["STATUS_CODES"];
      },
      get "Agent"() {
        return load()["Agent"];
      },
      get "ClientRequest"() {
        return load()["ClientRequest"];
      },
      get "IncomingMessage"() {
        return load()["IncomingMessage"];
      },
      get "OutgoingMessage"() {
        return load()["OutgoingMessage"];
      },
      get "Server"() {
        return load()["Server"];
      },
      get "ServerResponse"() {
        return load()["ServerResponse"];
      },
      get "createServer"() {
        return load()["createServer"];
      },
      get "validateHeaderName"() {
        return load()["validateHeaderName"];
      },
      get "validateHeaderValue"() {
        return load()["validateHeaderValue"];
      },
      get "get"() {
        return load()["get"];
      },
      get "request"() {
        return load()["request"];
      },
      get "setMaxIdleHTTPParsers"() {
        return load()["setMaxIdleHTTPParsers"];
      },
      get "setGlobalProxyFromEnv"() {
        return load()["setGlobalProxyFromEnv"];
      },
      get "maxHeaderSize"() {
        return load()["maxHeaderSize"];
      },
      get "globalAgent"() {
        return load()["globalAgent"];
      },
      get "WebSocket"() {
        return load()["WebSocket"];
      },
      get "CloseEvent"() {
        return load()["CloseEvent"];
      },
      get "MessageEvent"() {
        return load()["MessageEvent"];
      }
    });
  }
});

// builtin-through-require:https
var require_https = __commonJS({
  "builtin-through-require:https"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:https");
    module.exports = /* @__PURE__ */ Object.create({
      get "Agent"() {
        return load()["Agent"];
      },
      get "globalAgent"() {
        return load()["globalAgent"];
      },
      get "Server"() {
        return load()["Server"];
      },
      get "createServer"() {
        return load()["createServer"];
      },
      get "get"() {
        return load()["get"];
      },
      get "request"() {
        return load()["request"];
      }
    });
  }
});

// builtin-through-require:events
var require_events = __commonJS({
  "builtin-through-require:events"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:events");
    module.exports = /* @__PURE__ */ Object.create({
      get "addAbortListener"() {
        return load()["addAbortListener"];
      },
      get "once"() {
        return load()["once"];
      },
      get "on"() {
        return load()["on"];
      },
      get "getEventListeners"() {
        return load()["getEventListeners"];
      },
      get "getMaxListeners"() {
        return load()["getMaxListeners"];
      },
      get "listenerCount"() {
        return load()["listenerCount"];
      },
      get "EventEmitter"() {
        return load()["EventEmitter"];
      },
      get "usingDomains"() {
        return load()["usingDomains"];
      },
      get "captureRejectionSymbol"() {
        return load()["captureRejectionSymbol"];
      },
      get "captureRejections"() {
        return load()["captureRejections"];
      },
      get "EventEmitterAsyncResource"() {
        return load()["EventEmitterAsyncResource"];
      },
      get "errorMonitor"() {
        return load()["errorMonitor"];
      },
      get "defaultMaxListeners"() {
        return load()["defaultMaxListeners"];
      },
      get "setMaxListeners"() {
        return load()["setMaxListeners"];
      },
      get "init"() {
        return load()["init"];
      }
    });
  }
});

export {
  require_http,
  require_https,
  require_events
};
