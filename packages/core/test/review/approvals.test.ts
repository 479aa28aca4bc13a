// The approval rules as a table: each case is a change's reviews and what they must (not) satisfy.
// Attacks (self-approval, stale and dismissed reviews, bots, agents, a later comment, a label an
// agent applied) sit next to the benign look-alike that does count.
import { describe, expect, test } from 'vitest';
import { judgeApprovals, parseApprovers, type DecisionRecord, type ReviewApproval, type ReviewContext } from '@cavra/core';

const HEAD = 'a'.repeat(40);
const OLD = 'b'.repeat(40);
const approvers = parseApprovers(
  [
    'approver_groups:',
    '  Platform Security:',
    '    users: [Alice, bob]',
    '    groups: [acme/security]',
    '  Repository Owners:',
    '    users: [carol]',
    'agent_accounts: [house-agent]',
  ].join('\n'),
  '.cavra/approvers.yml',
);

function decision(overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    decision_id: 'd-1', session_id: 's', agent_id: 'a', actor: 'x', action_type: 'write_file', target: '.github/workflows/ci.yml',
    requested_operation: 'write', policy_pack: 'p', policy_id: 'p', rule_id: 'filesystem.write.require_approval', decision: 'require_approval',
    severity: 'high', reason: 'r', evidence_refs: [], approver_group: 'Platform Security', timestamp: '2026-11-29T00:00:00Z', correlation_id: 'c',
    ...overrides,
  };
}
const approve = (user: string, extra: Partial<ReviewApproval> = {}): ReviewApproval => ({ user, commitSha: HEAD, isBot: false, ...extra });
function change(approvals: ReviewApproval[], extra: Partial<ReviewContext> = {}): ReviewContext {
  return { provider: 'github', changeId: '7', headSha: HEAD, author: 'dave', commitAuthors: ['dave'], labels: [], approvals, ...extra };
}

interface Case {
  name: string;
  review: ReviewContext | undefined;
  decision?: Partial<DecisionRecord>;
  satisfied: boolean;
  by?: string;
  via?: 'review' | 'break_glass';
  reason: RegExp;
}

const cases: Case[] = [
  { name: 'a listed user approves the head', review: change([approve('alice')]), satisfied: true, by: 'alice', via: 'review', reason: /approved by @alice/ },
  { name: 'logins compare case-insensitively', review: change([approve('BOB')]), satisfied: true, by: 'BOB', reason: /approved by @BOB/ },
  { name: 'a team member approves', review: change([approve('erin', { groups: ['Acme/Security'] })]), satisfied: true, by: 'erin', reason: /approved/ },
  { name: 'no review at all', review: change([]), satisfied: false, reason: /no approving review yet/ },
  { name: 'not a pull request', review: undefined, satisfied: false, reason: /no change under review/ },
  { name: "the author's own approval", review: change([approve('alice')], { author: 'alice' }), satisfied: false, reason: /@alice is the change's author/ },
  { name: 'author compared case-insensitively', review: change([approve('alice')], { author: 'ALICE' }), satisfied: false, reason: /author/ },
  { name: 'a commit author approving', review: change([approve('bob')], { commitAuthors: ['dave', 'bob'] }), satisfied: false, reason: /@bob authored commits/ },
  { name: 'an approval of an older commit', review: change([approve('alice', { commitSha: OLD })]), satisfied: false, reason: /older commit `bbbbbbbbbbbb`/ },
  { name: 'a dismissed approval', review: change([approve('alice', { dismissed: true })]), satisfied: false, reason: /dismissed/ },
  { name: 'a bot in the group', review: change([approve('bob', { isBot: true })]), satisfied: false, reason: /@bob is a bot/ },
  { name: 'a default agent account', review: change([approve('Copilot', { groups: ['acme/security'] })]), satisfied: false, reason: /agent account/ },
  { name: "an agent account from the file", review: change([approve('house-agent', { groups: ['acme/security'] })]), satisfied: false, reason: /agent account/ },
  { name: 'someone outside the group', review: change([approve('mallory', { groups: ['acme/web'] })]), satisfied: false, reason: /@mallory is not in `Platform Security`/ },
  { name: 'team membership unreadable', review: change([approve('erin')]), satisfied: false, reason: /membership could not be read/ },
  { name: 'a member of another team', review: change([approve('erin', { groups: ['acme/web'] })]), satisfied: false, reason: /not in/ },
  { name: 'approval then changes requested', review: change([approve('alice'), approve('alice', { state: 'changes_requested' })]), satisfied: false, reason: /requested changes/ },
  { name: 'changes requested then approval', review: change([approve('alice', { state: 'changes_requested' }), approve('alice')]), satisfied: true, by: 'alice', reason: /approved/ },
  { name: 'a later comment hides no approval', review: change([approve('alice'), approve('alice', { state: 'commented' })]), satisfied: true, by: 'alice', reason: /approved/ },
  {
    name: 'submission time orders reviews, not list order',
    review: change([approve('alice', { submittedAt: '2026-11-29T10:00:00Z' }), approve('alice', { state: 'changes_requested', submittedAt: '2026-11-29T09:00:00Z' })]),
    satisfied: true, by: 'alice', reason: /approved/,
  },
  { name: 'old approval then fresh approval on head', review: change([approve('alice', { commitSha: OLD }), approve('alice')]), satisfied: true, reason: /approved/ },
  { name: 'fresh approval then an approval of an older commit', review: change([approve('alice'), approve('alice', { commitSha: OLD })]), satisfied: false, reason: /older commit/ },
  { name: 'the other group does not satisfy', review: change([approve('carol', { groups: [] })]), satisfied: false, reason: /@carol is not in `Platform Security`/ },
  { name: 'a group the file does not define', review: change([approve('alice')]), decision: { approver_group: 'AI Governance' }, satisfied: false, reason: /`AI Governance` is not defined in `\.cavra\/approvers\.yml`/ },
  { name: 'a rule with no approver group', review: change([approve('alice')]), decision: { approver_group: null }, satisfied: false, reason: /names no approver group/ },
  { name: 'group names compare case-insensitively', review: change([approve('carol')]), decision: { approver_group: 'repository owners' }, satisfied: true, reason: /approved/ },
  {
    name: 'break-glass with a justification',
    review: change([], { labels: ['cavra:break-glass'], body: 'Fixes prod.\n\nBreak-glass: incident INC-42, pipeline down', breakGlassBy: { user: 'carol', isBot: false } }),
    satisfied: true, via: 'break_glass', by: 'carol', reason: /break-glass: label `cavra:break-glass` applied by @carol; justification: "incident INC-42, pipeline down"/,
  },
  {
    name: 'break-glass in Markdown emphasis, label actor unknown',
    review: change([], { labels: ['CAVRA:Break-Glass'], body: '**Break-glass:** INC-7' }),
    satisfied: true, via: 'break_glass', reason: /could not be read; justification: "INC-7"/,
  },
  { name: 'break-glass label without a justification', review: change([], { labels: ['cavra:break-glass'], body: 'please merge' }), satisfied: false, reason: /no `Break-glass: <why>` line/ },
  { name: 'break-glass justification without the label', review: change([], { body: 'Break-glass: trust me' }), satisfied: false, reason: /no approving review yet$/ },
  { name: 'break-glass with an empty justification', review: change([], { labels: ['cavra:break-glass'], body: 'Break-glass:   \nnext line' }), satisfied: false, reason: /no `Break-glass/ },
  {
    name: 'break-glass label applied by the author',
    review: change([], { labels: ['cavra:break-glass'], body: 'Break-glass: x', breakGlassBy: { user: 'dave', isBot: false } }),
    satisfied: false, reason: /applied by @dave, who is the change's author/,
  },
  {
    name: 'break-glass label applied by an agent',
    review: change([], { labels: ['cavra:break-glass'], body: 'Break-glass: x', breakGlassBy: { user: 'claude[bot]', isBot: true } }),
    satisfied: false, reason: /agent account/,
  },
];

describe('judgeApprovals', () => {
  test.for(cases)('$name', (c) => {
    const [outcome, ...rest] = judgeApprovals([decision(c.decision)], c.review, approvers);
    expect(rest).toEqual([]);
    expect(outcome!.satisfied).toBe(c.satisfied);
    expect(outcome!.reason).toMatch(c.reason);
    if (c.by !== undefined) expect(outcome!.by).toBe(c.by);
    if (c.via !== undefined) expect(outcome!.via).toBe(c.via);
    if (!c.satisfied) expect(outcome!.via).toBeUndefined();
  });

  test('only require_approval decisions get an outcome, each with its identity', () => {
    const outcomes = judgeApprovals(
      [decision({ decision: 'block', decision_id: 'b' }), decision({ decision_id: 'x', target: 'a' }), decision({ decision: 'allow' }), decision({ decision_id: 'y', approver_group: 'Repository Owners' })],
      change([approve('alice')]),
      approvers,
    );
    expect(outcomes.map((o) => [o.decision_id, o.satisfied])).toEqual([['x', true], ['y', false]]);
    expect(outcomes[0]).toMatchObject({ rule_id: 'filesystem.write.require_approval', target: 'a', approver_group: 'Platform Security' });
  });

  test('without an approvers file nothing is satisfied, and the reason says what to add', () => {
    const [outcome] = judgeApprovals([decision()], change([approve('alice')]), undefined);
    expect(outcome).toMatchObject({ satisfied: false });
    expect(outcome!.reason).toMatch(/add `\.cavra\/approvers\.yml` on the base branch/);
  });

  test('agent accounts can be replaced by options, and the file still adds to them', () => {
    const review = change([approve('Copilot', { groups: ['acme/security'] })]);
    expect(judgeApprovals([decision()], review, approvers, { agentAccounts: ['someone-else'] })[0]!.satisfied).toBe(true);
    const other = change([approve('house-agent', { groups: ['acme/security'] })]);
    expect(judgeApprovals([decision()], other, approvers, { agentAccounts: [] })[0]!.satisfied).toBe(false);
  });
});
