import { describe, expect, test } from 'vitest';
import { agentAuthorsOf, isAgentAccount, isCavraError, parseApprovers, DEFAULT_AGENT_ACCOUNTS } from '@cavra/core';

const FILE = '.cavra/approvers.yml';

describe('parseApprovers', () => {
  test('reads groups of users and provider groups, keyed case-insensitively', () => {
    const parsed = parseApprovers('version: 1\napprover_groups:\n  Platform Security:\n    users: [alice]\n    groups: [acme/security]\n  Owners:\n    groups: [acme/owners]\n', FILE);
    expect(parsed.groups.get('platform security')).toEqual({ name: 'Platform Security', users: ['alice'], groups: ['acme/security'] });
    expect(parsed.groups.get('owners')?.users).toEqual([]);
    expect(parsed.agentAccounts).toEqual([]);
    expect(parsed.file).toBe(FILE);
  });

  const invalid: Array<[string, string, RegExp]> = [
    ['empty file', '', /at `\(root\)`: expected a mapping/],
    ['a list at the root', '- a\n', /expected a mapping/],
    ['no approver_groups', 'agent_accounts: [x]\n', /missing required key `approver_groups`/],
    ['an unknown top-level key', 'approver_groups: {}\napprovers: {}\n', /approvers\.yml:2` at `approvers`: unknown key/],
    ['an unknown group key (typo)', 'approver_groups:\n  Sec:\n    user: [alice]\n', /approvers\.yml:3` at `approver_groups\.Sec\.user`: unknown key `user`/],
    ['a group with nobody', 'approver_groups:\n  Sec:\n    users: []\n', /at `approver_groups\.Sec`: expected at least one user or group/],
    ['users as a string', 'approver_groups:\n  Sec:\n    users: alice\n', /at `approver_groups\.Sec\.users`: expected a list of names/],
    ['a number as a user', 'approver_groups:\n  Sec:\n    users: [alice, 42]\n', /at `approver_groups\.Sec\.users\[1\]`: expected a non-empty name/],
    ['a blank user', "approver_groups:\n  Sec:\n    users: ['  ']\n", /users\[0\]/],
    ['a user listed twice', 'approver_groups:\n  Sec:\n    users: [alice, Alice]\n', /`Alice` is listed twice/],
    ['a duplicate key', 'approver_groups:\n  Sec:\n    users: [a]\n  Sec:\n    users: [b]\n', /invalid yaml in `\.cavra\/approvers\.yml:4/],
    ['groups differing in case', 'approver_groups:\n  Sec:\n    users: [a]\n  sec:\n    users: [b]\n', /at `approver_groups\.sec`: group names differ only in case/],
    ['a group without a body', 'approver_groups:\n  Sec:\n', /expected a mapping with `users`/],
    ['a wrong version', 'version: 2\napprover_groups: {}\n', /at `version`: expected 1/],
    ['bad yaml', 'approver_groups: [\n', /invalid yaml/],
  ];
  test.for(invalid)('rejects %s', ([, text, message]) => {
    let error: unknown;
    try {
      parseApprovers(text, FILE);
    } catch (caught) {
      error = caught;
    }
    expect(isCavraError(error) && error.code).toBe('ERR_APPROVERS_INVALID');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(FILE);
  });
});

describe('agent accounts', () => {
  test('the defaults name the known coding agents', () => {
    for (const login of ['Copilot', 'claude[bot]', 'chatgpt-codex-connector[bot]', 'cursor[bot]', 'devin-ai-integration[bot]', 'google-labs-jules[bot]', 'duo-developer']) {
      expect(isAgentAccount(login), login).toBe(true);
    }
    expect(isAgentAccount('COPILOT')).toBe(true);
    // look-alikes are people, not agents
    expect(isAgentAccount('claude')).toBe(false);
    expect(isAgentAccount('copilot-fan')).toBe(false);
    expect(DEFAULT_AGENT_ACCOUNTS.length).toBeGreaterThan(6);
  });

  test('agentAuthorsOf finds the author and commit authors, once each', () => {
    const review = { provider: 'github' as const, changeId: '1', headSha: 'a', author: 'Copilot', commitAuthors: ['copilot', 'dave', 'cursor[bot]'], labels: [], approvals: [] };
    expect(agentAuthorsOf(review)).toEqual(['Copilot', 'cursor[bot]']);
    expect(agentAuthorsOf({ ...review, author: 'dave', commitAuthors: ['dave'] })).toEqual([]);
  });
});
