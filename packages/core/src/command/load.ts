// Async start-up of the command analyser: wasm parser, then the analyser on top of it; or, for a
// few lines of plain bash (a hook's one tool call), an analyser that needs no wasm at all.
import { CavraError, isCavraError } from '../errors.ts';
import { createCommandAnalyzer, type CommandAnalyzer } from './analyze.ts';
import { loadShellParser, type ShellParserOptions } from './parser.ts';
import { parsePlainScript } from './plain-script.ts';
import { installCommandAnalyzer } from './registry.ts';
import type { ShellParser } from './syntax.ts';

let pending: Promise<CommandAnalyzer> | undefined;

/**
 * Loads the bash parser (once per process) and installs the command analyser that
 * `evaluate()` uses. Await it before deciding `execute_command` requests; until it resolves
 * those decisions fail closed.
 *
 * @example
 * ```ts
 * await loadCommandAnalyzer();
 * const record = evaluate(policy, { action_type: 'execute_command', target: 'git status' }, context);
 * ```
 */
export function loadCommandAnalyzer(options: ShellParserOptions = {}): Promise<CommandAnalyzer> {
  pending ??= loadShellParser(options).then((parser) => {
    const analyzer = createCommandAnalyzer(parser);
    installCommandAnalyzer(analyzer);
    return analyzer;
  });
  pending.catch(() => {
    pending = undefined;
  });
  return pending;
}

const PLAIN_ONLY: ShellParser = {
  parse(source) {
    const tree = parsePlainScript(source);
    if (tree === undefined) throw new CavraError('ERR_COMMAND_PARSER_UNAVAILABLE', 'this command needs the bash parser, which is not loaded', { hint: 'await `loadCommandAnalyzer()` before deciding commands' });
    return tree;
  },
};

/**
 * An analyser without the wasm parser, when every one of `lines` (and every script nested in
 * them: `bash -c`, `eval`, option values) is plain bash, which the plain parser reads exactly as
 * tree-sitter would; otherwise undefined, and the caller loads the full analyser. Asked about
 * any other line, it throws `ERR_COMMAND_PARSER_UNAVAILABLE`, which a decision turns into a block.
 */
export function plainCommandAnalyzer(lines: Iterable<string>): CommandAnalyzer | undefined {
  const analyzer = createCommandAnalyzer(PLAIN_ONLY);
  try {
    for (const line of lines) analyzer.analyze(line.trim());
  } catch (error) {
    if (isCavraError(error) && error.code === 'ERR_COMMAND_PARSER_UNAVAILABLE') return undefined;
    throw error;
  }
  return analyzer;
}
