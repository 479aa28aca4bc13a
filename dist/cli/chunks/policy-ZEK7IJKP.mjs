import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);
import {
  policyFlags,
  policyOptionsOf
} from "./chunk-CPZPROH3.mjs";
import {
  EXIT,
  writeAll
} from "./chunk-YN2G34MT.mjs";
import {
  lintPackFiles,
  loadCommandAnalyzer,
  openPolicy,
  runPackSelfTests
} from "./chunk-WIK5C6RR.mjs";
import "./chunk-72RH5EZN.mjs";
import "./chunk-SAI5SU2U.mjs";
import "./chunk-O7CMETT5.mjs";
import "./chunk-NIT4QXTO.mjs";
import "./chunk-4GD4C4T6.mjs";
import {
  CavraError,
  isCavraError
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

// packages/cli/src/commands/policy.ts
var import_node_util = __toESM(require_util(), 1);
var SUBCOMMANDS = ["list", "show", "lint", "test"];
function parsePolicyArgs(args) {
  const { values, positionals } = (0, import_node_util.parseArgs)({ args, strict: true, allowPositionals: true, options: { ...policyFlags, json: { type: "boolean" } } });
  const [subcommand, ...ids] = positionals;
  if (!SUBCOMMANDS.includes(subcommand)) {
    throw new CavraError("ERR_USAGE", `unknown policy subcommand \`${subcommand ?? ""}\``, { hint: `use one of ${SUBCOMMANDS.join(", ")}` });
  }
  const open = openPolicy(policyOptionsOf(values));
  return { subcommand, ids, json: values.json === true, open };
}
var policyCommand = async (args, io) => {
  const lint = await lintNamedFiles(args);
  if (lint) {
    await writeAll(io.stdout, lint);
    return EXIT.failed;
  }
  const options = parsePolicyArgs(args);
  const { catalog } = options.open;
  switch (options.subcommand) {
    case "list": {
      const rows = catalog.list().map((id) => ({ id, source: catalog.lookup(id)?.file ?? "" }));
      await writeAll(io.stdout, options.json ? `${JSON.stringify(rows, null, 2)}
` : rows.map((row) => `${row.id}	${row.source}
`).join(""));
      return EXIT.ok;
    }
    case "show": {
      const id = options.ids[0] ?? options.open.defaultPackId;
      const pack = catalog.compile(id);
      await writeAll(io.stdout, `${JSON.stringify({ ...pack.document, digest: pack.digest }, null, 2)}
`);
      return EXIT.ok;
    }
    case "lint":
    case "test": {
      const ids = options.ids.length > 0 ? options.ids : targetIds(options.open);
      await loadCommandAnalyzer();
      const lines = [];
      let failed = false;
      for (const id of ids) {
        try {
          const report = runPackSelfTests(catalog.compile(id), options.open.registry ? { registry: options.open.registry } : {});
          for (const failure of report.failures) lines.push(`FAIL ${id}: ${failure.message}`);
          if (report.failures.length > 0) failed = true;
          else lines.push(`ok   ${id} (${report.passed} example${report.passed === 1 ? "" : "s"})`);
        } catch (error) {
          if (options.subcommand === "test" || !isCavraError(error)) throw error;
          lines.push(`FAIL ${id}: ${error.message}`);
          failed = true;
        }
      }
      await writeAll(io.stdout, `${lines.join("\n")}
`);
      return failed ? EXIT.failed : EXIT.ok;
    }
  }
};
async function lintNamedFiles(args) {
  const { values, positionals } = (0, import_node_util.parseArgs)({ args, strict: false, allowPositionals: true, options: { ...policyFlags, json: { type: "boolean" } } });
  const packs = Array.isArray(values.pack) ? values.pack.filter((p) => typeof p === "string" && /\.(ya?ml|json)$|\//i.test(p)) : [];
  if (positionals[0] !== "lint" || packs.length === 0) return void 0;
  const results = await lintPackFiles(packs);
  if (results.every((r) => r.problems.length === 0)) return void 0;
  return results.map((r) => r.problems.length === 0 ? `ok   ${r.file}
` : r.problems.map((p) => `FAIL ${p}
`).join("")).join("");
}
function targetIds(open) {
  const own = open.catalog.list().filter((id) => !open.catalog.lookup(id)?.file.startsWith("builtin:"));
  return own.length > 0 ? own : open.catalog.list();
}
export {
  policyCommand
};
