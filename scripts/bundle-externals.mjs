// What every bundle shares: the externals, the `require` banner and how Node's built-ins are loaded.
import { copyFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Optional plug-ins of the CycloneDX library, loaded in a try at run time: never bundled, by any bundle. */
export const OPTIONAL_EXTERNALS = ['xmlbuilder2', 'libxmljs2', 'ajv-formats', 'ajv-formats-draft2019'];

/** esbuild's ESM output cannot `require` Node built-ins from bundled CommonJS without this. */
export const REQUIRE_BANNER = "import { createRequire as __cavraCreateRequire } from 'node:module'; const require = __cavraCreateRequire(import.meta.url);";

/**
 * The esbuild options every bundle shares; each adds its entry, output, target and splitting.
 * esbuild names inputs relative to its working directory, in comments that feed the chunk
 * hashes: without `absWorkingDir`, a build started from another folder gives other bytes.
 */
export function nodeBundleOptions({ banner = REQUIRE_BANNER } = {}) {
  return {
    absWorkingDir: root,
    metafile: true,
    external: OPTIONAL_EXTERNALS,
    plugins: [builtinsThroughRequire, lazyPackages],
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    banner: { js: banner },
    legalComments: 'none',
    logLevel: 'warning',
  };
}

/** The shell parser's wasm files, which every bundle loads from beside itself. */
const PARSER_WASM = ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'node_modules/tree-sitter-bash/tree-sitter-bash.wasm'];

/** Copies the parser's wasm files into `dir`; returns them as inputs (for the SBOM). */
export function copyParserWasm(dir) {
  for (const file of PARSER_WASM) copyFileSync(join(root, file), join(dir, basename(file)));
  return PARSER_WASM;
}

const BUILTIN_NAMES = builtinModules.filter((name) => !name.startsWith('_'));
const BUILTIN = new RegExp(`^(?:node:)?(?:${BUILTIN_NAMES.map((name) => name.replace(/[/]/g, '\\/')).join('|')})$`);
const require = createRequire(import.meta.url);

/**
 * Built-ins imported by an `import` statement become CommonJS modules whose members load the
 * built-in on first use. Node builds an ES module facade of a built-in by reading every export,
 * which runs its lazy getters (`node:http` then loads Node's own undici, ~100 ms), and a built-in
 * imported but not used on a path (`node:crypto` in a hook that keeps no evidence) costs its
 * load all the same: ~60 ms of a start that a hook pays per tool call.
 */
export const builtinsThroughRequire = {
  name: 'builtins-through-require',
  setup(build) {
    build.onResolve({ filter: BUILTIN }, (args) => (args.kind === 'import-statement' ? { path: args.path.replace(/^node:/, ''), namespace: 'builtin-through-require' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'builtin-through-require' }, (args) => ({ contents: lazyBuiltin(args.path), loader: 'js' }));
  },
};

/**
 * For a CommonJS bundle run as a script (the hook, see cli/src/hook-loader.ts): `await
 * import('fs')` (web-tree-sitter's loader) becomes a require when it runs, as a script has no
 * ES module loader to import with. Not for split ESM bundles, where esbuild would give the
 * import only a default export.
 */
export const dynamicBuiltinsThroughRequire = {
  name: 'dynamic-builtins-through-require',
  setup(build) {
    build.onResolve({ filter: BUILTIN }, (args) => (args.kind === 'dynamic-import' ? { path: args.path.replace(/^node:/, ''), namespace: 'builtin-required-when-imported' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'builtin-required-when-imported' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/** CommonJS packages that only some paths use: imported, they are loaded on first use (see {@link lazyModule}). */
const LAZY_PACKAGES = ['yaml', 'undici', 'tunnel'];

/** Loads the packages of LAZY_PACKAGES on first use instead of when the bundle starts. */
export const lazyPackages = {
  name: 'lazy-packages',
  setup(build) {
    const filter = new RegExp(`^(?:${LAZY_PACKAGES.join('|')})$`);
    build.onResolve({ filter }, async (args) => {
      if ((args.kind !== 'import-statement' && args.kind !== 'require-call') || args.pluginData?.resolvingLazily) return undefined;
      const real = await build.resolve(args.path, { kind: 'require-call', resolveDir: args.resolveDir, pluginData: { resolvingLazily: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: args.path, namespace: 'lazy-package', pluginData: { target: real.path } };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({ contents: lazyModule(args.pluginData.target), loader: 'js', resolveDir: root }));
  },
};


// Any member, read through the prototype, loads the built-in: no list of members, so the bundle
// reads what the running Node has (the Azure task also runs on Node 20). esbuild's interop reads
// members only by name, and copies none, since the module has no own members.
function lazyBuiltin(name) {
  const specifier = JSON.stringify(`node:${name}`);
  return [`let loaded;`, `const load = () => (loaded ??= require(${specifier}));`, `module.exports = Object.create(new Proxy({}, { get: (_, member) => load()[member], has: (_, member) => member in load() }));`].join('\n');
}

// A package whose members are those it has here (read at build time; the lockfile fixes its
// version) and load it on first read. The getters sit on the prototype, where esbuild's interop
// does not copy them, and are enumerable, for CommonJS importers that copy members with for…in.
function lazyModule(target) {
  const members = Object.keys(require(target)).filter((member) => member !== 'default' && member !== '__esModule');
  const getters = members.map((member) => `  get ${JSON.stringify(member)}() { return load()[${JSON.stringify(member)}]; },`);
  return [`let loaded;`, `const load = () => (loaded ??= require(${JSON.stringify(target)}));`, `module.exports = Object.create({`, ...getters, `});`].join('\n');
}
