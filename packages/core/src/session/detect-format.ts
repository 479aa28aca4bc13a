import type { SessionFormat } from './types.ts';

const CLAUDE_LINE_TYPES = new Set(['user', 'assistant', 'summary', 'system', 'file-history-snapshot', 'queue-operation', 'attachment', 'progress']);
const ROLLOUT_TYPES = new Set(['session_meta', 'response_item', 'turn_context', 'event_msg', 'compacted']);

/**
 * The format of a session's text, from its content: a JSON array is a claude-code-action
 * execution file; JSON Lines are told apart by the first lines that say what they are.
 * Anything else is read as CAVRA requests, whose reader reports every line it cannot read.
 */
export function detectSessionFormat(text: string): SessionFormat {
  const start = text.trimStart();
  if (start.startsWith('[')) return 'claude-code-execution';
  let seen = 0;
  for (const raw of start.split('\n')) {
    if (raw.trim() === '') continue;
    if (seen++ >= 20) break;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const line = value as Record<string, unknown>;
    if (typeof line.action_type === 'string') return 'cavra-requests';
    const type = typeof line.type === 'string' ? line.type : '';
    if (typeof line.hash === 'string' && typeof line.record === 'object') return 'cavra-hook-evidence';
    if (ROLLOUT_TYPES.has(type) && 'payload' in line) return 'codex-rollout';
    if (type.startsWith('thread.') || type.startsWith('turn.') || type.startsWith('item.')) return 'codex-exec-json';
    if (CLAUDE_LINE_TYPES.has(type) && ('message' in line || 'sessionId' in line || 'uuid' in line)) return 'claude-code-transcript';
  }
  return 'cavra-requests';
}
