import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  readJsonObject
} from "./chunk-DESJ2UAL.mjs";
import {
  EXIT,
  writeAll
} from "./chunk-YN2G34MT.mjs";
import {
  KEY_ALGORITHMS,
  addTrustedKey,
  emptyTrustRoot,
  generateSigningKey,
  publicKeyFromPem,
  revokeTrustedKey,
  rotateTrustedKey,
  trustEntryOf,
  trustedKeysOf
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
import {
  require_fs
} from "./chunk-ZSO65TAP.mjs";
import {
  require_path
} from "./chunk-P4BCTC5C.mjs";
import {
  __toESM
} from "./chunk-OEJ5TTXT.mjs";

// packages/cli/src/commands/keys.ts
var import_node_fs = __toESM(require_fs(), 1);
var import_node_path = __toESM(require_path(), 1);
var import_node_util = __toESM(require_util(), 1);
var SUBCOMMANDS = ["generate", "list", "rotate", "revoke"];
var keysCommand = async (args, io) => {
  const [sub, ...rest] = args;
  const { values, positionals } = (0, import_node_util.parseArgs)({
    args: rest,
    strict: true,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      algorithm: { type: "string", default: "ed25519" },
      "trust-root": { type: "string" },
      "valid-until": { type: "string" },
      owner: { type: "string" },
      reason: { type: "string" }
    }
  });
  const now = /* @__PURE__ */ new Date();
  const rootFile = values["trust-root"];
  switch (sub) {
    case "generate":
    case "rotate": {
      if (values.out === void 0) throw new CavraError("ERR_USAGE", `\`cavra keys ${sub}\` needs \`--out PREFIX\``, { hint: "writes PREFIX.pem (private) and PREFIX.pub.pem" });
      if (sub === "rotate" && rootFile === void 0) throw new CavraError("ERR_USAGE", "`cavra keys rotate` needs `--trust-root FILE`");
      const algorithm = parseAlgorithm(values.algorithm);
      const key = generateSigningKey(algorithm);
      const privatePath = `${values.out}.pem`;
      const publicPath = `${values.out}.pub.pem`;
      assertNewKeyPaths(values.out, [privatePath, publicPath]);
      createExclusive(privatePath, key.privateKeyPem, 384);
      createExclusive(publicPath, key.publicKeyPem, 420);
      if (rootFile !== void 0) {
        const entry = trustEntryOf(publicKeyFromPem(key.publicKeyPem, publicPath), now, {
          ...values["valid-until"] ? { validUntil: values["valid-until"] } : {},
          ...values.owner ? { owner: values.owner } : {}
        });
        const root = readRoot(rootFile, sub === "generate");
        writeRoot(rootFile, sub === "rotate" ? rotateTrustedKey(root, entry, now) : addTrustedKey(root, entry));
      }
      return print(io, { key_id: key.keyId, algorithm, private_key: privatePath, public_key: publicPath, ...rootFile ? { trust_root: rootFile } : {} });
    }
    case "list": {
      if (rootFile === void 0) throw new CavraError("ERR_USAGE", "`cavra keys list` needs `--trust-root FILE`");
      const root = readRoot(rootFile, false);
      trustedKeysOf(root, rootFile);
      return print(io, root.keys.map(({ public_key_pem: _pem, ...rest2 }) => rest2));
    }
    case "revoke": {
      const [keyId] = positionals;
      if (keyId === void 0 || rootFile === void 0) throw new CavraError("ERR_USAGE", "usage: `cavra keys revoke KEY_ID --trust-root FILE [--reason TEXT]`");
      const root = revokeTrustedKey(readRoot(rootFile, false), keyId, now, values.reason ?? "revoked");
      writeRoot(rootFile, root);
      return print(io, root.keys.filter((k) => k.status === "revoked").map(({ public_key_pem: _pem, ...rest2 }) => rest2));
    }
    default:
      throw new CavraError("ERR_USAGE", `unknown keys subcommand \`${sub ?? ""}\``, { hint: `use one of ${SUBCOMMANDS.join(", ")}` });
  }
};
function assertNewKeyPaths(prefix, paths) {
  const dir = (0, import_node_path.dirname)(prefix);
  let isDir = false;
  try {
    isDir = (0, import_node_fs.statSync)(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new CavraError("ERR_USAGE", `directory \`${dir}\` of \`--out ${prefix}\` does not exist`, { hint: "create it first, or pick another `--out` prefix" });
  for (const path of paths) {
    let present = true;
    try {
      (0, import_node_fs.lstatSync)(path);
    } catch {
      present = false;
    }
    if (present) throw new CavraError("ERR_USAGE", `\`${path}\` exists; refusing to overwrite a key`, { hint: "pick another `--out` prefix" });
  }
}
function createExclusive(path, text, mode) {
  let fd;
  try {
    fd = (0, import_node_fs.openSync)(path, import_node_fs.constants.O_WRONLY | import_node_fs.constants.O_CREAT | import_node_fs.constants.O_EXCL | import_node_fs.constants.O_NOFOLLOW, mode);
  } catch (cause) {
    throw new CavraError("ERR_USAGE", `cannot create \`${path}\`: ${cause.code ?? "error"}`, { cause, hint: "pick another `--out` prefix" });
  }
  try {
    (0, import_node_fs.fchmodSync)(fd, mode);
    (0, import_node_fs.writeFileSync)(fd, text);
  } finally {
    (0, import_node_fs.closeSync)(fd);
  }
}
function parseAlgorithm(value) {
  if (!KEY_ALGORITHMS.includes(value)) throw new CavraError("ERR_USAGE", `unknown algorithm \`${value}\``, { hint: `use one of ${KEY_ALGORITHMS.join(", ")}` });
  return value;
}
function readRoot(file, createIfAbsent) {
  if (createIfAbsent && !(0, import_node_fs.existsSync)(file)) return emptyTrustRoot();
  const root = readJsonObject(file, "trust-root");
  trustedKeysOf(root, file);
  return root;
}
function writeRoot(file, root) {
  (0, import_node_fs.writeFileSync)(file, `${JSON.stringify(root, null, 2)}
`);
}
async function print(io, value) {
  await writeAll(io.stdout, `${JSON.stringify(value, null, 2)}
`);
  return EXIT.ok;
}
export {
  keysCommand
};
