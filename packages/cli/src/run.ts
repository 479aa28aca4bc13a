import { isCavraError, isUserInputError } from '@cavra/core';
import { EXIT, type CliIo, type Command, type ExitCode } from './io.ts';
import { COMMANDS, usage } from './commands/index.ts';

/** Runs one CLI invocation and returns its exit code; user errors print one line, never a stack. */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    io.stdout.write(usage());
    return verb === undefined ? EXIT.usage : EXIT.ok;
  }
  const command: Command | undefined = COMMANDS[verb];
  if (!command) {
    io.stderr.write(`cavra: unknown command \`${verb}\`; run \`cavra --help\` for the list\n`);
    return EXIT.usage;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): ExitCode {
  if (isCavraError(error)) {
    const hint = error.hint ? ` (${error.hint})` : '';
    io.stderr.write(`cavra: ${error.message}${hint} [${error.code}]\n`);
    return isUserInputError(error) ? EXIT.usage : EXIT.failed;
  }
  if (isNodeUsageError(error)) {
    io.stderr.write(`cavra: ${(error as Error).message.replace(/^./, (c) => c.toLowerCase())}; run \`cavra --help\`\n`);
    return EXIT.usage;
  }
  io.stderr.write(`cavra: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.failed;
}

// node:util parseArgs reports unknown or malformed flags with these codes.
function isNodeUsageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
