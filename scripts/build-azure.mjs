// Bundles the Azure Pipelines task into its own folder (azure-tasks/CavraGateV1/dist/): the
// packaged extension contains only the task folder, so the bundle and the parser's wasm files
// must sit inside it, with no node_modules. Called by scripts/build.mjs.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { copyParserWasm, nodeBundleOptions } from './bundle-externals.mjs';
import { recordBundleInputs } from './release-integrity.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => join(root, ...parts);

/** The task's bundle, relative to the repository root; committed, and rebuilt by CI. */
export const AZURE_TASK_DIST = 'azure-tasks/CavraGateV1/dist';

// esbuild's ESM output cannot `require` Node built-ins from bundled CommonJS without this, and
// bundled CommonJS that looks beside itself (`__dirname`) finds the task's dist folder.
const REQUIRE_BANNER = [
  "import { createRequire as __cavraCreateRequire } from 'node:module';",
  "import { fileURLToPath as __cavraFileURLToPath } from 'node:url';",
  'const require = __cavraCreateRequire(import.meta.url);',
  'const __filename = __cavraFileURLToPath(import.meta.url);',
  "const __dirname = __cavraFileURLToPath(new URL('.', import.meta.url));",
].join(' ');

export async function bundleAzureTask(out = at(AZURE_TASK_DIST)) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = await build({
    ...nodeBundleOptions({ banner: REQUIRE_BANNER }),
    entryPoints: { 'cavra-gate': at('packages/azure/src/gate-task.ts') },
    outdir: out,
    // One file: the agent runs it as is, and MockTestRunner require()s it.
    splitting: false,
    // The Node20_1 handler runs it on agents that have no Node 24.
    target: 'node20',
  });
  recordBundleInputs('azure-task', result.metafile, copyParserWasm(out));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleAzureTask();
