// The command analyser: one parse of the line, then every invocation it can run.
import { Scanner } from './scan.ts';
import type { ShellParser } from './syntax.ts';
import type { CommandAnalysis } from './types.ts';

/** Analyses command lines; synchronous once its parser is loaded. */
export interface CommandAnalyzer {
  analyze(line: string): CommandAnalysis;
}

/** Builds an analyser on a loaded parser. */
export function createCommandAnalyzer(parser: ShellParser): CommandAnalyzer {
  return {
    analyze(line: string): CommandAnalysis {
      const analysis: CommandAnalysis = { line, invocations: [], pipelines: [], opaque: [], files: [], gitPushes: [] };
      new Scanner(parser, analysis).script(line, { via: [], env: {}, depth: 0, dir: {} });
      analysis.opaque = dedupe(analysis.opaque, (item) => `${item.kind}:${item.detail}`);
      analysis.files = dedupe(analysis.files, (item) => `${item.access}:${item.tree === true ? 'tree:' : ''}${item.typed === true ? 'typed:' : ''}${item.path}`);
      analysis.pipelines = dedupe(analysis.pipelines, (text) => text);
      return analysis;
    },
  };
}

function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  // Most lines have none or one.
  if (items.length < 2) return items;
  const seen = new Set<string>();
  return items.filter((item) => {
    const id = key(item);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
