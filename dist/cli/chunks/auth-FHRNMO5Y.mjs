import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  readJsonObject
} from "./chunk-DESJ2UAL.mjs";
import {
  EXIT,
  readStream,
  writeAll
} from "./chunk-YN2G34MT.mjs";
import {
  ExplicitTokenSource,
  FileTokenSource,
  RUNNER_PROVIDERS,
  assertRunnerClaimsPolicy,
  parseRunnerClaimsPolicy,
  tokenKeysOf,
  verifyRunnerToken
} from "./chunk-WIK5C6RR.mjs";
import "./chunk-72RH5EZN.mjs";
import "./chunk-SAI5SU2U.mjs";
import "./chunk-O7CMETT5.mjs";
import "./chunk-NIT4QXTO.mjs";
import "./chunk-4GD4C4T6.mjs";
import {
  CavraError
} from "./chunk-7H2D2UDD.mjs";
import "./chunk-2543WERG.mjs";
import {
  require_util
} from "./chunk-VGNHR5IA.mjs";
import "./chunk-KBDOPHKI.mjs";
import "./chunk-EEGBRVFG.mjs";
import {
  require_promises
} from "./chunk-N45RTMHM.mjs";
import "./chunk-ZSO65TAP.mjs";
import "./chunk-P4BCTC5C.mjs";
import {
  __toESM
} from "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/commands/auth.ts
var import_promises = __toESM(require_promises(), 1);
var import_node_util = __toESM(require_util(), 1);
var USAGE_HINT = "usage: cavra auth verify (--token JWT | --token-file F) --issuer URL --audience AUD (--jwks FILE | --jwks-url URL | --discover) [--claims FILE]";
function parseAuthVerifyArgs(args) {
  const { values } = (0, import_node_util.parseArgs)({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      token: { type: "string" },
      "token-file": { type: "string" },
      issuer: { type: "string" },
      audience: { type: "string" },
      jwks: { type: "string" },
      "jwks-url": { type: "string" },
      discover: { type: "boolean", default: false },
      claims: { type: "string" },
      leeway: { type: "string" },
      provider: { type: "string" }
    }
  });
  if (values.token === void 0 === (values["token-file"] === void 0)) throw usage("give exactly one of `--token JWT` or `--token-file F`");
  if (!values.issuer) throw usage("`--issuer URL` is required");
  if (!values.audience) throw usage("`--audience AUD` is required");
  const keySources = [values.jwks !== void 0, values["jwks-url"] !== void 0, values.discover].filter(Boolean).length;
  if (keySources !== 1) throw usage("give exactly one of `--jwks FILE`, `--jwks-url URL` or `--discover`");
  const leeway = values.leeway === void 0 ? void 0 : Number(values.leeway);
  if (leeway !== void 0 && !(Number.isInteger(leeway) && leeway >= 0 && leeway <= 300)) throw usage("`--leeway` must be whole seconds from 0 to 300");
  if (values.provider !== void 0 && !RUNNER_PROVIDERS.includes(values.provider)) {
    throw usage(`\`--provider\` must be one of ${RUNNER_PROVIDERS.join(", ")}`);
  }
  return {
    token: values.token,
    tokenFile: values["token-file"],
    issuer: values.issuer,
    audience: values.audience,
    jwks: values.jwks,
    jwksUrl: values["jwks-url"],
    discover: values.discover,
    claims: values.claims,
    leewaySeconds: leeway,
    provider: values.provider
  };
}
var authCommand = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub !== "verify") throw usage(sub === void 0 ? "missing subcommand `verify`" : `unknown subcommand \`${sub}\``);
  const options = parseAuthVerifyArgs(rest);
  const keys = await tokenKeysOf({ issuer: options.issuer, ...options.jwks !== void 0 ? { jwksFile: options.jwks } : {}, ...options.jwksUrl !== void 0 ? { jwksUrl: options.jwksUrl } : {} }, { fetch: globalThis.fetch });
  const policy = options.claims === void 0 ? void 0 : parseRunnerClaimsPolicy(readJsonObject(options.claims, "claims"), options.claims);
  const readText = (path) => path === "-" ? readStream(io.stdin) : (0, import_promises.readFile)(path, "utf8");
  const source = options.token !== void 0 ? new ExplicitTokenSource(options.token) : new FileTokenSource(options.tokenFile, readText);
  const token = await source.acquire();
  const identity = await verifyRunnerToken(token.reveal(), {
    issuer: options.issuer,
    audience: options.audience,
    keys,
    now: () => /* @__PURE__ */ new Date(),
    ...options.leewaySeconds !== void 0 ? { clockToleranceSeconds: options.leewaySeconds } : {},
    ...options.provider !== void 0 ? { provider: options.provider } : {}
  });
  if (policy) assertRunnerClaimsPolicy(identity, policy);
  await writeAll(io.stdout, `${JSON.stringify(identity, null, 2)}
`);
  return EXIT.ok;
};
function usage(message) {
  return new CavraError("ERR_USAGE", message, { hint: USAGE_HINT });
}
export {
  authCommand
};
