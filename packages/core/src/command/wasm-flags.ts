import { setFlagsFromString } from 'node:v8';

let tuned = false;

/**
 * Keeps the bash parser's wasm on V8's baseline compiler. Call it before the first
 * `loadCommandAnalyzer()` in a process that exits when its work is done (the CLI, a hook, the CI
 * wrappers): otherwise V8 finishes optimising the parser's wasm at exit (~650 ms), and tiering up
 * as it parses grows the process by ~4 KB per command (measured: 600 MB for a 5k-command batch).
 * `--liftoff-only` alone, set at run time, does not stop the growth; with tier-up and dynamic
 * tiering off as well, memory stays flat. It has no effect on wasm compiled before the call.
 */
export function tuneWasmForShortRuns(): void {
  if (tuned) return;
  tuned = true;
  for (const flag of ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering']) setFlagsFromString(flag);
}

/** Whether {@link tuneWasmForShortRuns} changed V8's flags in this process (code caches made since carry them). */
export function wasmTunedForShortRuns(): boolean {
  return tuned;
}
