import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { assertActionRequest } from '../decision/request.ts';
import type { ActionRequest } from '../decision/types.ts';
import { CavraError } from '../errors.ts';
import type { SessionProblem, SessionRead } from './types.ts';

/** Reads one agent session file; a line that cannot be read becomes a problem, never an exception. */
export async function readSessionFile(file: string): Promise<SessionRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read session \`${file}\`: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause,
      hint: 'pass an agent session file (JSON Lines) that exists and is readable',
      details: { option: 'sessions' },
    });
  }
  return parseSessionText(text, file);
}

/** Parses a session's text; today CAVRA request JSON Lines. */
export function parseSessionText(text: string, file: string): SessionRead {
  const requests: ActionRequest[] = [];
  const problems: SessionProblem[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!.trim();
    if (line === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      assertActionRequest(value, `\`${file}\` line ${index + 1}`);
      requests.push(value);
    } catch (error) {
      problems.push({ file, line: index + 1, digest: `sha256:${createHash('sha256').update(lines[index]!).digest('hex')}`, message: (error as Error).message });
    }
  }
  return { file, format: 'cavra-requests', requests, problems };
}
