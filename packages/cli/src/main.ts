#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { runCli } from './run.ts';

// Before any wasm is compiled: otherwise V8 finishes optimising the parser's wasm at exit (~650 ms).
setFlagsFromString('--liftoff-only');

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
