// Async start-up of the command analyser: wasm parser, then the analyser on top of it.
import { createCommandAnalyzer, type CommandAnalyzer } from './analyze.ts';
import { loadShellParser, type ShellParserOptions } from './parser.ts';
import { installCommandAnalyzer } from './registry.ts';

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
