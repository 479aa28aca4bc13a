// The accounts coding agents act as. Work they authored is recorded as agent work, and none of
// them can approve a change (an agent must not approve what an agent wrote).
import type { ReviewContext } from './types.ts';

/**
 * Agent accounts known by default; configuration adds to them, never removes.
 * GitHub: Copilot's coding agent (PR author `Copilot`, app `copilot-swe-agent[bot]`), Claude
 * (`claude[bot]`, `claude-code-action[bot]`), Codex (`chatgpt-codex-connector[bot]`,
 * `openai-codex[bot]`), Cursor, Devin, Jules. GitLab: Duo Agent Platform's service account
 * `duo-developer` (gitlab-org/gitlab#554163).
 */
export const DEFAULT_AGENT_ACCOUNTS = [
  'Copilot',
  'copilot-swe-agent[bot]',
  'claude[bot]',
  'claude-code-action[bot]',
  'chatgpt-codex-connector[bot]',
  'openai-codex[bot]',
  'cursor[bot]',
  'devin-ai-integration[bot]',
  'google-labs-jules[bot]',
  'duo-developer',
] as const;

/** The default agent accounts plus those an approvers file adds. */
export function agentAccountsOf(approvers: { agentAccounts?: readonly string[] } | undefined): string[] {
  return [...DEFAULT_AGENT_ACCOUNTS, ...(approvers?.agentAccounts ?? [])];
}

/** Whether `user` is one of `accounts`, compared case-insensitively as provider logins are. */
export function isAgentAccount(user: string, accounts: readonly string[] = DEFAULT_AGENT_ACCOUNTS): boolean {
  const login = user.toLowerCase();
  return accounts.some((account) => account.toLowerCase() === login);
}

/** The agent accounts among the change's author and commit authors, each once, in order of appearance. */
export function agentAuthorsOf(review: ReviewContext, accounts: readonly string[] = DEFAULT_AGENT_ACCOUNTS): string[] {
  const found = new Map<string, string>();
  for (const user of [review.author, ...review.commitAuthors]) {
    if (isAgentAccount(user, accounts) && !found.has(user.toLowerCase())) found.set(user.toLowerCase(), user);
  }
  return [...found.values()];
}
