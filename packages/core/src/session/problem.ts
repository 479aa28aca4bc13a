import { createHash } from 'node:crypto';
import { parseExactJson } from '../evidence/exact-json.ts';
import type { SessionProblem } from './types.ts';

/** A problem naming a raw line or block by its digest, never by its content. */
export function sessionProblem(file: string, line: number, raw: string, message: string): SessionProblem {
  return { file, line, digest: `sha256:${createHash('sha256').update(raw).digest('hex')}`, message };
}

/** Each non-empty line of JSON Lines text, parsed; a line that is not JSON becomes a problem. */
export function* jsonLines(text: string, file: string, problems: SessionProblem[]): Generator<{ line: number; value: unknown }> {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index]!;
    if (raw.trim() === '') continue;
    try {
      // Exact: a number or string JSON.parse would silently change (1e400, -0, a lone surrogate) is refused.
      yield { line: index + 1, value: parseExactJson(raw, `\`${file}\` line ${index + 1}`) };
    } catch (error) {
      problems.push(sessionProblem(file, index + 1, raw, (error as Error).message));
    }
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
