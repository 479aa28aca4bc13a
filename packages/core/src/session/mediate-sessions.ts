// How the gate combines the sessions it was given: an agent's own record (transcript, execution
// file, Codex stream or rollout) lists what the agent did; a hook's evidence lists what the hook
// decided. With both, the agent's record is decided and paired with the hook's by tool-call id.
import type { ActionRequest } from '../decision/types.ts';
import { mediateSession } from './mediation.ts';
import type { SessionRead } from './types.ts';

export interface SessionsMediation {
  /** The requests the gate decides. */
  decided: ActionRequest[];
  /** Members of `decided` whose tool call no hook decided (only when a hook log was given with an agent record). */
  unmediated: ActionRequest[];
  warnings: string[];
}

/**
 * Without a hook log, or without an agent record, every session's requests are decided as
 * they are. With both, the hook log's requests are evidence of mediation, not actions of their
 * own: the agent record's calls are decided, and those no hook decided are unmediated.
 */
export function mediateSessions(sessions: readonly SessionRead[]): SessionsMediation {
  const hookLogs = sessions.filter((session) => session.format === 'cavra-hook-evidence');
  const agentRecords = sessions.filter((session) => session.format !== 'cavra-hook-evidence' && session.format !== 'cavra-requests');
  if (hookLogs.length === 0 || agentRecords.length === 0) return { decided: sessions.flatMap((session) => session.requests), unmediated: [], warnings: [] };
  const transcript = agentRecords.flatMap((session) => session.requests);
  const hooked = hookLogs.flatMap((session) => session.requests);
  const { unmediated, warnings } = mediateSession(transcript, hooked);
  const decided = sessions.filter((session) => session.format !== 'cavra-hook-evidence').flatMap((session) => session.requests);
  return { decided, unmediated, warnings };
}
