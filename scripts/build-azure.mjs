// Bundles the Azure Pipelines task into its own folder (azure-tasks/CavraGateV1/dist/): the
// packaged extension contains only the task folder, so the bundle and the parser's wasm files
// must sit inside it, with no node_modules. Called by scripts/build.mjs.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { builtinsThroughRequire, lazyPackages, OPTIONAL_EXTERNALS } from './bundle-externals.mjs';
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
    absWorkingDir: root,
    metafile: true,
    external: OPTIONAL_EXTERNALS,
    plugins: [builtinsThroughRequire, lazyPackages],
    entryPoints: { 'cavra-gate': at('packages/azure/src/gate-task.ts') },
    outdir: out,
    outExtension: { '.js': '.mjs' },
    // One file: the agent runs it as is, and MockTestRunner require()s it.
    splitting: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The Node20_1 handler runs it on agents that have no Node 24.
    target: 'node20',
    banner: { js: REQUIRE_BANNER },
    legalComments: 'none',
    logLevel: 'warning',
  });
  const copied = [
    ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
    ['node_modules/tree-sitter-bash/tree-sitter-bash.wasm', 'tree-sitter-bash.wasm'],
  ];
  for (const [from, to] of copied) copyFileSync(at(from), join(out, to));
  recordBundleInputs('azure-task', result.metafile, copied.map(([from]) => from));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleAzureTask();
