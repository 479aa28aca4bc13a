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
    module.exports = Object.create(new Proxy({}, { get: (_, member) => load()[member], has: (_, member) => member in load() }));
  }
});

// builtin-through-require:https
var require_https = __commonJS({
  "builtin-through-require:https"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:https");
    module.exports = Object.create(new Proxy({}, { get: (_, member) => load()[member], has: (_, member) => member in load() }));
  }
});

// builtin-through-require:events
var require_events = __commonJS({
  "builtin-through-require:events"(exports, module) {
    var loaded;
    var load = () => loaded ??= __require("node:events");
    module.exports = Object.create(new Proxy({}, { get: (_, member) => load()[member], has: (_, member) => member in load() }));
  }
});

export {
  require_http,
  require_https,
  require_events
};
