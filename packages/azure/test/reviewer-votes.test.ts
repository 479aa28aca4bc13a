// Votes become approvals: which commit each approved, attacks on the vote record next to the
// genuine records they imitate.
import { expect, test } from 'vitest';
import { approvalsFromVotes, voteEventsOf } from '../src/reviewer-votes.ts';
import { AGENT, BOB, EARLIER, HEAD, pullRequestScenario, voteThread } from './support/pull-request-scenario.ts';

const scenario = pullRequestScenario();
const bob = scenario.reviewers.find((reviewer) => reviewer.id === BOB.id)!;
const judge = (threads: object[]) => approvalsFromVotes([bob], voteEventsOf(threads as never), scenario.iterations as never).approvals[0];

test.for([
  // [name, threads, the commit Bob approved]
  ['his genuine vote before the last push approves the earlier commit', [voteThread(1, BOB, 5, '2026-11-29T11:00:00Z')], EARLIER],
  ['a genuine re-vote after the last push approves the head', [voteThread(1, BOB, 5, '2026-11-29T11:00:00Z'), voteThread(2, BOB, 5, '2026-11-29T12:10:00Z')], HEAD],
  ['a forged VoteUpdate thread by the agent, dated after the push, does not refresh his vote', [voteThread(1, BOB, 5, '2026-11-29T11:00:00Z'), voteThread(2, BOB, 5, '2026-11-29T12:10:00Z', AGENT)], EARLIER],
  ['a forged thread in a text comment does not either', [voteThread(1, BOB, 5, '2026-11-29T11:00:00Z'), { ...voteThread(2, BOB, 5, '2026-11-29T12:10:00Z'), comments: [{ id: 1, commentType: 'text', author: BOB }] }], EARLIER],
  ['with no vote record at all, the commit is unknown (stale)', [], ''],
] as const)('%s', ([, threads, commit]) => {
  expect(judge([...threads])?.commitSha).toBe(commit);
});

test('a later withdrawal or rejection marks the standing approval dismissed', () => {
  const approval = judge([voteThread(1, BOB, 5, '2026-11-29T12:10:00Z'), voteThread(2, BOB, 0, '2026-11-29T12:20:00Z')]);
  expect(approval).toMatchObject({ user: 'bob@fabrikam.example', dismissed: true, commitSha: '' });
});

test('groups come from the votes cast for them, and groups themselves are not reviewers', () => {
  const { approvals } = approvalsFromVotes(scenario.reviewers as never, voteEventsOf(scenario.threads as never), scenario.iterations as never);
  expect(approvals.map((approval) => [approval.user, approval.groups ?? []])).toEqual([
    ['alice@fabrikam.example', ['[Fabrikam]\\Security Reviewers']],
    ['bob@fabrikam.example', []],
    ['Build\\5d1a0000-0000-0000-0000-000000000000', []],
  ]);
  expect(approvals.find((approval) => approval.user.startsWith('Build\\'))?.isBot).toBe(true);
});
