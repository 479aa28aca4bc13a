import { isCavraError, isUserInputError } from '@cavra/core';
import { EXIT, type CliIo, type Command, type ExitCode } from './io.ts';
import { COMMANDS, usage, verbUsage } from './commands/index.ts';
import { CAVRA_VERSION } from './version.ts';

export { processIo } from './process-io.ts';

/** Runs one CLI invocation and returns its exit code; user errors print one line, never a stack. */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    const topic = verb === 'help' ? rest[0] : undefined;
    if (topic !== undefined && Object.hasOwn(COMMANDS, topic)) return printVerbHelp(topic, io);
    io.stdout.write(usage());
    return verb === undefined ? EXIT.usage : EXIT.ok;
  }
  if (verb === '--version' || verb === '-V' || verb === 'version') {
    io.stdout.write(`cavra ${CAVRA_VERSION}\n`);
    return EXIT.ok;
  }
  // Own members only: `cavra constructor` is an unknown command, not Object.
  const command: Command | undefined = Object.hasOwn(COMMANDS, verb) ? COMMANDS[verb] : undefined;
  if (!command) {
    io.stderr.write(`cavra: unknown command \`${verb}\`; run \`cavra --help\` for the list\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) return printVerbHelp(verb, io);
  try {
    return await command(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}

function printVerbHelp(verb: string, io: CliIo): ExitCode {
  io.stdout.write(verbUsage(verb));
  return EXIT.ok;
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
  // A file system error names a path we were given (a directory where a file belongs, a
  // missing parent, a device): bad input, one line.
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    const { syscall, path } = error as NodeJS.ErrnoException;
    io.stderr.write(`cavra: cannot ${syscall ?? 'use'} \`${oneLine(path ?? '')}\`: ${code}\n`);
    return EXIT.usage;
  }
  // Input too large or too deeply nested for the engine (`Invalid string length`, stack overflow).
  if (error instanceof RangeError) {
    io.stderr.write(`cavra: input too large or too deeply nested: ${oneLine(error.message)}\n`);
    return EXIT.usage;
  }
  // Never a stack trace on stderr unless asked for (CAVRA_DEBUG=1).
  const detail = error instanceof Error ? (process.env.CAVRA_DEBUG === '1' ? (error.stack ?? error.message) : oneLine(error.message)) : oneLine(String(error));
  io.stderr.write(`cavra: internal error: ${detail} (set CAVRA_DEBUG=1 for the stack) [ERR_INTERNAL]\n`);
  return EXIT.failed;
}

function oneLine(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

// node:util parseArgs reports unknown or malformed flags with these codes.
function isNodeUsageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
