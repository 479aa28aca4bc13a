#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { runCli } from './run.ts';

// Before any wasm is compiled: otherwise V8 finishes optimising the parser's wasm at exit
// (~650 ms), and tiering up as it parses grows the process by ~4 KB per command (measured:
// 600 MB for a 5k-command batch). `--liftoff-only` alone, set at run time, does not stop the
// growth; with tier-up and dynamic tiering off as well, memory stays flat.
for (const flag of ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering']) setFlagsFromString(flag);

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
