// The entry of `cavra hook AGENT`, bundled on its own (dist/cli/cavra-hook.cjs, no code
// splitting): the split bundle's shared chunk carries the signing and storage SDKs, and a hook
// runs once per tool call, so its start-up is the agent's latency.
import { isCavraError } from '@cavra/core';
import { hookCommand } from './commands/hook.ts';
import { EXIT, type CliIo, type ExitCode } from './io.ts';

export { processIo } from './process-io.ts';
// The hook loader keeps a code cache only of runs that left V8's flags as they found them.
export { wasmTunedForShortRuns } from '@cavra/core';

/** Runs `cavra hook …` (everything after `hook`); only a bad command line gets here as an error. */
export async function runHookCli(args: string[], io: CliIo): Promise<ExitCode> {
  try {
    return await hookCommand(args, io);
  } catch (error) {
    const message = isCavraError(error) ? `${error.message}${error.hint ? ` (${error.hint})` : ''} [${error.code}]` : error instanceof Error ? error.message : String(error);
    io.stderr.write(`cavra: ${message}\n`);
    return EXIT.usage;
  }
}
