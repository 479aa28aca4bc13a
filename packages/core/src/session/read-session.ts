import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseExactJson } from '../evidence/exact-json.ts';
import { assertActionRequest } from '../decision/request.ts';
import type { ActionRequest } from '../decision/types.ts';
import { CavraError } from '../errors.ts';
import { assertExtendsHeads, presentHeads } from '../evidence/heads.ts';
import { EVIDENCE_FILES } from '../evidence/log.ts';
import { scanLogFile } from '../evidence/scan.ts';
import { readClaudeExecution, readClaudeTranscript } from './claude-code.ts';
import { readCodexExec, readCodexRollout } from './codex.ts';
import { detectSessionFormat } from './detect-format.ts';
import { readHookEvidence } from './hook-evidence.ts';
import { sessionProblem } from './problem.ts';
import type { SessionProblem, SessionRead, SessionReadOptions } from './types.ts';

/**
 * Reads one agent session file, or an evidence directory written by `cavra hook`; a line that
 * cannot be read becomes a problem, never an exception. The format comes from the content.
 */
export async function readSessionFile(file: string, options: SessionReadOptions = {}): Promise<SessionRead> {
  let text: string;
  let format: SessionRead['format'] | undefined;
  try {
    if ((await stat(file)).isDirectory()) {
      text = await readFile(join(file, EVIDENCE_FILES.log), 'utf8');
      format = 'cavra-hook-evidence';
      const rewritten = rewrittenHistory(file, options.headsMirror);
      if (rewritten) return { file, format, requests: [], problems: [sessionProblem(file, 0, text, rewritten)] };
    } else {
      text = await readFile(file, 'utf8');
    }
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read session \`${file}\`: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause,
      hint: 'pass an agent session file, or an evidence directory written by `cavra hook`, that exists and is readable',
      details: { option: 'sessions' },
    });
  }
  return parseSessionText(text, file, { ...options, ...(format ? { format } : {}) });
}

/** Parses a session's text in the format its content shows (or the one given). */
export function parseSessionText(text: string, file: string, options: SessionReadOptions & { format?: SessionRead['format'] } = {}): SessionRead {
  const scope = options.root ? { root: options.root } : {};
  switch (options.format ?? detectSessionFormat(text)) {
    case 'claude-code-transcript':
      return readClaudeTranscript(text, file, scope);
    case 'claude-code-execution':
      return readClaudeExecution(text, file, scope);
    case 'codex-exec-json':
      return readCodexExec(text, file, scope);
    case 'codex-rollout':
      return readCodexRollout(text, file, scope);
    case 'cavra-hook-evidence': {
      const { records: _records, ...read } = readHookEvidence(text, file);
      return read;
    }
    case 'cavra-requests':
      return readCavraRequests(text, file);
  }
}

/** CAVRA request JSON Lines, as `evaluate --batch` reads them. */
function readCavraRequests(text: string, file: string): SessionRead {
  const requests: ActionRequest[] = [];
  const problems: SessionProblem[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!.trim();
    if (line === '') continue;
    try {
      const where = `\`${file}\` line ${index + 1}`;
      const value = parseExactJson(line, where);
      assertActionRequest(value, where);
      requests.push(value);
    } catch (error) {
      problems.push(sessionProblem(file, index + 1, lines[index]!, (error as Error).message));
    }
  }
  return { file, format: 'cavra-requests', requests, problems };
}

// A hook log whose history was rewritten is not read at all: every head beside it, and every head
// the hook copied out of the workspace, must be a prefix of it. The whole log becomes one
// recorded block, so a rewrite cannot turn a refused call into an allowed one.
function rewrittenHistory(dir: string, headsMirror: string | undefined): string | undefined {
  try {
    const heads = presentHeads(dir, headsMirror ? { mirror: headsMirror } : {});
    if (heads.length === 0) return undefined;
    const scan = scanLogFile(join(dir, EVIDENCE_FILES.log), { rootsAt: heads.map((head) => head.size) });
    assertExtendsHeads(scan, heads, `read the hook log \`${dir}\``);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
