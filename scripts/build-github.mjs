// Bundles the GitHub Action (actions/gate/action.yml runs `../../dist/github/gate-action.mjs`):
// ESM with @actions/* inlined (they are ESM-only), lazily loaded chunks beside it, and the two
// wasm files the shell parser loads. Called by scripts/build.mjs.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { copyParserWasm, nodeBundleOptions } from './bundle-externals.mjs';
import { recordBundleInputs } from './release-integrity.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => join(root, ...parts);

export async function bundleGitHubAction() {
  rmSync(at('dist/github'), { recursive: true, force: true });
  mkdirSync(at('dist/github'), { recursive: true });
  const result = await build({
    ...nodeBundleOptions(),
    entryPoints: { 'gate-action': at('packages/github/src/gate-action.ts') },
    outdir: at('dist/github'),
    // The storage SDKs are imported dynamically; splitting keeps them out of a run that stores nothing.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // Keep in step with `runs.using: node24` in actions/gate/action.yml.
    target: 'node24',
  });
  recordBundleInputs('github-action', result.metafile, copyParserWasm(at('dist/github')));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleGitHubAction();
