#!/usr/bin/env node
// No static imports of other chunks: each would be one more module for every hook call to
// resolve, read and link before it can start. Built-ins come from the process itself, and the
// hook loader is bundled into this file.
import { runBuiltHook } from './hook-loader.ts';
import type { CliIo } from './io.ts';
import type { ProcessIo } from './process-io.ts';

const { enableCompileCache } = process.getBuiltinModule?.('node:module') ?? (await import('node:module'));
const { existsSync } = process.getBuiltinModule?.('node:fs') ?? (await import('node:fs'));
const { fileURLToPath } = process.getBuiltinModule?.('node:url') ?? (await import('node:url'));

const argv = process.argv.slice(2);
// `cavra hook --help` is answered by the CLI, like every verb's.
const isHook = argv[0] === 'hook' && argv[1] !== 'install' && !argv.includes('--help') && !argv.includes('-h');

// Node keeps the compiled bundle in its on-disk cache (os.tmpdir()/node-compile-cache): compiling
// a megabyte of JavaScript is most of a short command's start-up. A hook keeps a cache of its
// own (hook-loader.ts), and turning Node's on costs it ~8 ms.
if (!isHook) enableCompileCache?.();

// The standard streams are created on first use: a hook reads and answers through the descriptors
// and creates none.
function processStreams(processIo: ProcessIo): CliIo {
  return {
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
    get stdin() {
      return process.stdin;
    },
    process: processIo,
  };
}

// `cavra hook AGENT` runs once per agent tool call: it runs its own small bundle, built beside
// this file, through a code cache (hook-loader.ts) and none of the shared chunks (see
// hook-entry.ts). From source it loads the module.
if (isHook) {
  const built = new URL('./cavra-hook.cjs', import.meta.url);
  if (existsSync(built)) {
    process.exitCode = await runBuiltHook(fileURLToPath(built), argv.slice(1), processStreams);
  } else {
    const { runHookCli, processIo } = await import('./hook-entry.ts');
    process.exitCode = await runHookCli(argv.slice(1), processStreams(processIo));
  }
} else {
  // Loaded dynamically, so that the hook's path above loads none of it.
  const { runCli, processIo } = await import('./run.ts');
  const { tuneWasmForShortRuns } = await import('@cavra/core');
  tuneWasmForShortRuns();
  process.exitCode = await runCli(argv, processStreams(processIo));
}
