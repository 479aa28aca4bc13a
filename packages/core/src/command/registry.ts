// The analyser that `evaluate()` uses when its DecisionPolicy names none. Set once by
// `loadCommandAnalyzer()`; until then command decisions fail closed.
import type { CommandAnalyzer } from './analyze.ts';

let loaded: CommandAnalyzer | undefined;

/** The process-wide analyser, once loaded. */
export function loadedCommandAnalyzer(): CommandAnalyzer | undefined {
  return loaded;
}

/** Installs the process-wide analyser. */
export function installCommandAnalyzer(analyzer: CommandAnalyzer): void {
  loaded = analyzer;
}
