// Claude Code: session transcripts (`~/.claude/projects/…/<session>.jsonl`, `tool_use` blocks in
// `assistant` lines' `message.content[]`) and claude-code-action's `execution_file` (one JSON
// array of Agent SDK messages, `permission_denials` in the final `result`).
import type { ActionRequest } from '../decision/types.ts';
import type { PathScope } from './paths.ts';
import { isRecord, jsonLines, sessionProblem, stringOf } from './problem.ts';
import { toolCallRequests } from './tool-call.ts';
import type { SessionProblem, SessionRead } from './types.ts';

/** Reads a Claude Code transcript; lines without tool calls are passed over, unreadable ones are problems. */
export function readClaudeTranscript(text: string, file: string, scope: PathScope): SessionRead {
  const problems: SessionProblem[] = [];
  const requests: ActionRequest[] = [];
  for (const { value } of jsonLines(text, file, problems)) {
    if (!isRecord(value)) continue;
    requests.push(...messageRequests(value, { root: scope.root, cwd: stringOf(value.cwd) ?? scope.cwd }, stringOf(value.sessionId)));
  }
  return { file, format: 'claude-code-transcript', requests, problems };
}

/** Reads claude-code-action's `execution_file`. */
export function readClaudeExecution(text: string, file: string, scope: PathScope): SessionRead {
  const problems: SessionProblem[] = [];
  const requests: ActionRequest[] = [];
  const denied: string[] = [];
  let messages: unknown;
  try {
    messages = JSON.parse(text);
  } catch (error) {
    problems.push(sessionProblem(file, 1, text, `\`${file}\` is not a valid JSON array of SDK messages: ${(error as Error).message}`));
    return { file, format: 'claude-code-execution', requests, problems, denied };
  }
  if (!Array.isArray(messages)) {
    problems.push(sessionProblem(file, 1, text, `\`${file}\` is not a JSON array of SDK messages`));
    return { file, format: 'claude-code-execution', requests, problems, denied };
  }
  let cwd = scope.cwd;
  messages.forEach((message, index) => {
    if (!isRecord(message)) {
      problems.push(sessionProblem(file, index, JSON.stringify(message) ?? '', `\`${file}\` message ${index} is not an object`));
      return;
    }
    if (message.type === 'system' && message.subtype === 'init') cwd = stringOf(message.cwd) ?? cwd;
    if (message.type === 'result' && Array.isArray(message.permission_denials)) {
      for (const denial of message.permission_denials) if (isRecord(denial) && stringOf(denial.tool_use_id)) denied.push(denial.tool_use_id as string);
    }
    requests.push(...messageRequests(message, { root: scope.root, cwd }, stringOf(message.session_id)));
  });
  return { file, format: 'claude-code-execution', requests, problems, denied };
}

function messageRequests(line: Record<string, unknown>, scope: PathScope, sessionId: string | undefined): ActionRequest[] {
  if (line.type !== 'assistant' || !isRecord(line.message) || !Array.isArray(line.message.content)) return [];
  const requests: ActionRequest[] = [];
  for (const block of line.message.content) {
    if (!isRecord(block) || block.type !== 'tool_use') continue;
    const tool = stringOf(block.name) ?? '';
    const input = isRecord(block.input) ? block.input : {};
    requests.push(...toolCallRequests({ agent: 'claude-code', tool, ...(stringOf(block.id) ? { id: block.id as string } : {}), input, ...(sessionId ? { sessionId } : {}) }, scope));
  }
  return requests;
}
