import { build } from 'esbuild';
import { builtinsThroughRequire, lazyPackages, OPTIONAL_EXTERNALS } from './bundle-externals.mjs';
const r = await build({ absWorkingDir: '/work/main', metafile: true, write: false, external: OPTIONAL_EXTERNALS, plugins: [builtinsThroughRequire, lazyPackages], entryPoints: { 'gate-action': process.argv[2] }, outdir: '/tmp/metaout', outExtension: { '.js': '.mjs' }, splitting: true, bundle: true, platform: 'node', format: 'esm', target: 'node24', logLevel: 'error' });
for (const target of process.argv.slice(3)) for (const [file, info] of Object.entries(r.metafile.inputs)) for (const imp of info.imports) if (imp.path.endsWith(target)) console.log(target, '<-', file, imp.kind);
