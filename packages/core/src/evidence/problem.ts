import type { CavraErrorCode } from '../errors.ts';

/** One verification failure: a stable code, the record it concerns and a one-line message. */
export interface EvidenceProblem {
  code: CavraErrorCode;
  /** 1-based record (line) number, or a range such as `1-40` when a check covers many records; null when none applies. */
  record: number | string | null;
  message: string;
}

/** Renders a problem in upstream's `record N …` error style. */
export function problemText(problem: EvidenceProblem): string {
  if (problem.record === null) return `${problem.message} [${problem.code}]`;
  const noun = typeof problem.record === 'string' && problem.record.includes('-') ? 'records' : 'record';
  return `${noun} ${problem.record}: ${problem.message} [${problem.code}]`;
}
