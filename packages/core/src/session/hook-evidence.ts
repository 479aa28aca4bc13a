// An evidence directory written by `cavra hook`: each record holds the request the hook built
// from the agent's event (tool name and tool-call id included) and the decision it answered.
import type { ActionRequest, DecisionRecord } from '../decision/types.ts';
import { parseEvidenceLine } from '../evidence/record.ts';
import { isRecord, sessionProblem } from './problem.ts';
import type { SessionProblem, SessionRead } from './types.ts';

/** One decision a hook took, as the evidence keeps it. */
export interface HookRecord {
  request: ActionRequest;
  decision: DecisionRecord;
}

/** Reads the hook's evidence log text (`evidence.jsonl`) into its requests and decisions. */
export function readHookEvidence(text: string, file: string): SessionRead & { records: HookRecord[] } {
  const problems: SessionProblem[] = [];
  const records: HookRecord[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index]!;
    if (raw.trim() === '') continue;
    const line = parseEvidenceLine(raw);
    if (!line || !isRecord(line.record.request)) {
      problems.push(sessionProblem(file, index + 1, raw, `\`${file}\` line ${index + 1} is not an evidence record`));
      continue;
    }
    records.push({ request: line.record.request as ActionRequest, decision: line.record.decision });
  }
  return { file, format: 'cavra-hook-evidence', requests: records.map((record) => record.request), problems, records };
}
