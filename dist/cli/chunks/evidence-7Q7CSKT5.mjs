import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  keylessFlags,
  keylessSigner
} from "./chunk-OUY2YG3K.mjs";
import {
  readInput,
  readJsonObject
} from "./chunk-DESJ2UAL.mjs";
import {
  EXIT,
  writeAll
} from "./chunk-YN2G34MT.mjs";
import {
  DEFAULT_ORIGIN,
  DEFAULT_RETENTION,
  KeyBundleSigner,
  RETENTION_MODES,
  noteSignerFromKey,
  openEvidenceStore,
  parseRetentionDays,
  planRetention,
  privateKeyFromPem,
  proveRecord,
  pullEvidence,
  pushEvidence,
  sealEvidence
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
import "./chunk-N45RTMHM.mjs";
import "./chunk-ZSO65TAP.mjs";
import "./chunk-P4BCTC5C.mjs";
import {
  __toESM
} from "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/commands/evidence.ts
var import_node_util2 = __toESM(require_util(), 1);

// packages/cli/src/commands/evidence-storage.ts
var import_node_util = __toESM(require_util(), 1);
var storeFlags = { endpoint: { type: "string" } };
var PROCESS_EDGE = { env: process.env, now: () => /* @__PURE__ */ new Date() };
function createEvidencePushCommand(edge = PROCESS_EDGE) {
  return async (args, io) => {
    const { values, positionals } = (0, import_node_util.parseArgs)({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        ...storeFlags,
        "retain-days": { type: "string" },
        "legal-hold": { type: "boolean", default: false },
        mode: { type: "string" },
        "allow-mutable": { type: "boolean", default: false }
      }
    });
    const [dir, uri] = expectPositionals(positionals, ["DIR", "URI"], "cavra evidence push DIR URI");
    const mode = parseMode(values.mode);
    const days = parseRetentionDays(values["retain-days"], "--retain-days");
    const retention = planRetention(edge.now(), days, mode, values["legal-hold"]);
    const store = await openEvidenceStore(uri, { env: edge.env, ...values.endpoint === void 0 ? {} : { endpoint: values.endpoint } });
    const receipt = await pushEvidence(dir, store, { retention, allowMutable: values["allow-mutable"], now: edge.now });
    await writeAll(io.stdout, `${JSON.stringify(receipt, null, 2)}
`);
    if (!receipt.immutable) await writeAll(io.stderr, `cavra: warning: the copy at \`${receipt.uri}\` is mutable (${receipt.mutable_reason})
`);
    return EXIT.ok;
  };
}
function createEvidencePullCommand(edge = PROCESS_EDGE) {
  return async (args, io) => {
    const { values, positionals } = (0, import_node_util.parseArgs)({ args, strict: true, allowPositionals: true, options: { ...storeFlags, manifest: { type: "string" } } });
    const [uri, dir] = expectPositionals(positionals, ["URI", "DIR"], "cavra evidence pull URI DIR [--manifest KEY]");
    const store = await openEvidenceStore(uri, { env: edge.env, ...values.endpoint === void 0 ? {} : { endpoint: values.endpoint } });
    const result = await pullEvidence(store, dir, values.manifest === void 0 ? {} : { manifestKey: values.manifest });
    await writeAll(io.stdout, `${JSON.stringify(result, null, 2)}
`);
    return EXIT.ok;
  };
}
var evidencePushCommand = createEvidencePushCommand();
var evidencePullCommand = createEvidencePullCommand();
function expectPositionals(positionals, names, synopsis) {
  if (positionals.length !== names.length || positionals.some((value) => value === "")) {
    throw new CavraError("ERR_USAGE", `expected ${names.map((name) => `\`${name}\``).join(" and ")}, got ${positionals.length} argument(s)`, { hint: `usage: ${synopsis}` });
  }
  return [positionals[0], positionals[1]];
}
function parseMode(value) {
  if (value === void 0) return DEFAULT_RETENTION.mode;
  if (RETENTION_MODES.includes(value)) return value;
  throw new CavraError("ERR_USAGE", `unknown retention mode \`${value}\``, { hint: "use `--mode governance` or `--mode compliance`" });
}

// packages/cli/src/commands/evidence.ts
var SUBCOMMANDS = {
  seal: async (args, io) => seal(args, io),
  prove: async (args, io) => prove(args, io),
  push: evidencePushCommand,
  pull: evidencePullCommand
};
var evidenceCommand = async (args, io) => {
  const [sub, ...rest] = args;
  const command = sub !== void 0 && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : void 0;
  if (!command) throw new CavraError("ERR_USAGE", `unknown evidence subcommand \`${sub ?? ""}\``, { hint: `use one of ${Object.keys(SUBCOMMANDS).join(", ")}` });
  return command(rest, io);
};
var seal = async (args, io) => {
  const { values, positionals } = (0, import_node_util2.parseArgs)({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      key: { type: "string" },
      keyless: { type: "boolean", default: false },
      identity: { type: "string" },
      origin: { type: "string" },
      artefact: { type: "string", multiple: true },
      ...keylessFlags
    }
  });
  const dir = onePositional(positionals, "cavra evidence seal DIR (--key PEM | --keyless)");
  if (values.key === void 0 === !values.keyless) throw new CavraError("ERR_USAGE", "give exactly one of `--key PEM` or `--keyless`");
  const origin = values.origin ?? DEFAULT_ORIGIN;
  let signer;
  let noteSigner;
  if (values.key !== void 0) {
    const privateKey = privateKeyFromPem(readInput(values.key, "key"), values.key);
    signer = new KeyBundleSigner(privateKey);
    noteSigner = noteSignerFromKey(origin, privateKey);
  } else {
    signer = await keylessSigner(values, process.env);
  }
  const run = values.identity === void 0 ? void 0 : readJsonObject(values.identity, "identity");
  const result = await sealEvidence(dir, {
    signer,
    ...noteSigner ? { noteSigner } : {},
    now: () => /* @__PURE__ */ new Date(),
    origin,
    ...run ? { run } : {},
    ...values.artefact ? { artefacts: values.artefact } : {}
  });
  const { predicate } = result.statement;
  await writeAll(io.stdout, `${JSON.stringify({ bundle: result.bundlePath, tree_size: predicate.tree_size, root_hash: predicate.root_hash, sealed_at: predicate.sealed_at, decision_counts: predicate.decision_counts }, null, 2)}
`);
  return EXIT.ok;
};
var prove = async (args, io) => {
  const { values, positionals } = (0, import_node_util2.parseArgs)({ args, strict: true, allowPositionals: true, options: { record: { type: "string" } } });
  const dir = onePositional(positionals, "cavra evidence prove DIR --record N");
  const record = Number(values.record);
  if (values.record === void 0 || !Number.isSafeInteger(record) || record < 1) throw new CavraError("ERR_USAGE", "`--record N` must be a record number from 1", { hint: "records are numbered from 1 in log order" });
  await writeAll(io.stdout, `${JSON.stringify(proveRecord(dir, record), null, 2)}
`);
  return EXIT.ok;
};
function onePositional(positionals, usage) {
  if (positionals.length !== 1) throw new CavraError("ERR_USAGE", `expected one directory: \`${usage}\``);
  return positionals[0];
}
export {
  evidenceCommand
};
