#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { setFlagsFromString } from 'node:v8';

// Before any wasm is compiled: otherwise V8 finishes optimising the parser's wasm at exit
// (~650 ms), and tiering up as it parses grows the process by ~4 KB per command (measured:
// 600 MB for a 5k-command batch). `--liftoff-only` alone, set at run time, does not stop the
// growth; with tier-up and dynamic tiering off as well, memory stays flat.
for (const flag of ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering']) setFlagsFromString(flag);

// Node keeps the compiled bundle in its on-disk cache (os.tmpdir()/node-compile-cache): compiling
// a megabyte of JavaScript is most of a short command's start-up, and a hook starts per tool call.
enableCompileCache?.();

const argv = process.argv.slice(2);
const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
// `cavra hook AGENT` runs once per agent tool call: it loads its own small bundle, built beside
// this file, and none of the shared chunks (see hook-entry.ts). From source it loads the module.
if (argv[0] === 'hook' && argv[1] !== 'install') {
  const built = new URL('./cavra-hook.mjs', import.meta.url);
  const { runHookCli } = (existsSync(built) ? await import(built.href) : await import('./hook-entry.ts')) as typeof import('./hook-entry.ts');
  process.exitCode = await runHookCli(argv.slice(1), io);
} else {
  // Loaded dynamically, so that the hook's path above loads none of it.
  const { runCli } = await import('./run.ts');
  process.exitCode = await runCli(argv, io);
}
