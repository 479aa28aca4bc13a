// Bundles the GitHub Action (actions/gate/action.yml runs `../../dist/github/gate-action.mjs`):
// ESM with @actions/* inlined (they are ESM-only), lazily loaded chunks beside it, and the two
// wasm files the shell parser loads. Called by scripts/build.mjs.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { builtinsThroughRequire, lazyPackages, OPTIONAL_EXTERNALS, REQUIRE_BANNER } from './bundle-externals.mjs';
import { recordBundleInputs } from './release-integrity.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => join(root, ...parts);

export async function bundleGitHubAction() {
  rmSync(at('dist/github'), { recursive: true, force: true });
  mkdirSync(at('dist/github'), { recursive: true });
  const result = await build({
    absWorkingDir: root,
    metafile: true,
    external: OPTIONAL_EXTERNALS,
    plugins: [builtinsThroughRequire, lazyPackages],
    entryPoints: { 'gate-action': at('packages/github/src/gate-action.ts') },
    outdir: at('dist/github'),
    outExtension: { '.js': '.mjs' },
    // The storage SDKs are imported dynamically; splitting keeps them out of a run that stores nothing.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Keep in step with `runs.using: node24` in actions/gate/action.yml.
    target: 'node24',
    banner: { js: REQUIRE_BANNER },
    legalComments: 'none',
    logLevel: 'warning',
  });
  const copied = [
    ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'dist/github/web-tree-sitter.wasm'],
    ['node_modules/tree-sitter-bash/tree-sitter-bash.wasm', 'dist/github/tree-sitter-bash.wasm'],
  ];
  for (const [from, to] of copied) copyFileSync(at(from), at(to));
  recordBundleInputs('github-action', result.metafile, copied.map(([from]) => from));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleGitHubAction();
