// Azure DevOps reviewer votes as the core's provider-neutral approvals. A vote carries no commit,
// so the commit it was cast on is recovered from the pull request's own record: the system
// "VoteUpdate" thread the vote created (its `publishedDate`) against the iterations' creation
// times. The core alone decides which approvals count (fresh, not the author's, not a bot's).
import type { ReviewApproval } from '@cavra/core';
import type { GitPullRequestCommentThread, GitPullRequestIteration, IdentityRefWithVote } from 'azure-devops-node-api/interfaces/GitInterfaces.js';

/** Azure DevOps votes: 10 approved, 5 approved with suggestions, 0 none, −5 waiting for the author, −10 rejected. */
export const APPROVING_VOTES: ReadonlySet<number> = new Set([10, 5]);

/** `CommentType.System`: the client turns the REST string `"system"` into this. */
const SYSTEM_COMMENT = 3;

/** One vote as the pull request's system threads record it. */
export interface VoteEvent {
  voterId: string;
  vote: number;
  at: Date;
}

export interface VoteApprovals {
  approvals: ReviewApproval[];
  limitations: string[];
}

/** Service identities (build service, project collection build service) are not people. */
export function isServiceIdentity(identity: { descriptor?: string; uniqueName?: string; displayName?: string } | undefined): boolean {
  if (!identity) return false;
  if (identity.descriptor?.startsWith('svc.')) return true;
  return /^Build\\/i.test(identity.uniqueName ?? '') || / Build Service \(/i.test(identity.displayName ?? '');
}

// attacker-controlled: anyone who may comment can create a thread, and the threads API takes its
// `properties` as given, so a forged "VoteUpdate" thread could date an old approval after the
// last push. A vote counts only from a system comment written by the voter themself: the
// service writes those; nobody can post a comment as somebody else.
/** The votes recorded in the pull request's system threads (`CodeReviewThreadType` `VoteUpdate`). */
export function voteEventsOf(threads: readonly GitPullRequestCommentThread[]): VoteEvent[] {
  const events: VoteEvent[] = [];
  for (const thread of threads) {
    const properties = (thread.properties ?? {}) as Record<string, { $value?: unknown } | undefined>;
    if (String(properties.CodeReviewThreadType?.$value ?? '') !== 'VoteUpdate') continue;
    const key = String(properties.CodeReviewVotedByIdentity?.$value ?? '');
    const voterId = (thread.identities as Record<string, { id?: string }> | undefined)?.[key]?.id;
    const comment = thread.comments?.[0];
    const systemComment = (comment?.commentType as unknown) === 'system' || (comment?.commentType as unknown) === SYSTEM_COMMENT;
    if (!voterId || !systemComment || comment?.author?.id !== voterId) continue;
    const vote = Number(properties.CodeReviewVoteResult?.$value);
    const at = dateOf(thread.publishedDate);
    if (Number.isInteger(vote) && at) events.push({ voterId, vote, at });
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * Approvals from the reviewers' current votes. A reviewer's commit is the source commit of the
 * latest iteration created before their latest approving vote; when no vote thread shows it, the
 * commit is unknown (empty), which the core treats as stale. Groups come from the groups the
 * reviewer voted for (`votedFor`), the membership Azure DevOps itself vouches for in the vote.
 */
export function approvalsFromVotes(
  reviewers: readonly IdentityRefWithVote[],
  events: readonly VoteEvent[],
  iterations: readonly GitPullRequestIteration[],
): VoteApprovals {
  const approvals: ReviewApproval[] = [];
  const limitations: string[] = [];
  const ordered = [...iterations].filter((iteration) => dateOf(iteration.createdDate)).sort((a, b) => dateOf(a.createdDate)!.getTime() - dateOf(b.createdDate)!.getTime());
  for (const reviewer of reviewers) {
    // A group's vote is its member's vote; the member's own entry carries it.
    if (reviewer.isContainer || !reviewer.id || !APPROVING_VOTES.has(reviewer.vote ?? 0)) continue;
    const user = reviewer.uniqueName || reviewer.id;
    const lastVote = [...events].reverse().find((event) => event.voterId === reviewer.id);
    const dismissed = reviewer.hasDeclined === true || (lastVote !== undefined && !APPROVING_VOTES.has(lastVote.vote));
    let commitSha = '';
    if (lastVote && !dismissed) {
      const current = [...ordered].reverse().find((iteration) => dateOf(iteration.createdDate)!.getTime() <= lastVote.at.getTime());
      commitSha = current?.sourceRefCommit?.commitId ?? '';
    }
    if (!lastVote) limitations.push(`no vote record for reviewer \`${user}\`: the commit they approved is unknown, so their approval is treated as stale`);
    const groups = (reviewer.votedFor ?? []).map((group) => group.displayName ?? group.uniqueName ?? '').filter((name) => name !== '');
    approvals.push({ user, commitSha, isBot: isServiceIdentity(reviewer), ...(groups.length > 0 ? { groups } : {}), ...(dismissed ? { dismissed } : {}) });
  }
  return { approvals, limitations };
}

function dateOf(value: Date | string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
