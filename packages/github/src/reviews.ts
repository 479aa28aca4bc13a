// A pull request's reviews as provider-neutral ReviewApprovals, with the reviewers' team
// memberships where the token can read them. The core alone decides which reviews count.
import type { ApproversFile, ReviewApproval, ReviewState } from '@cavra/core';
import { httpStatusOf, type GitHubClient } from './github-client.ts';

const STATES: Readonly<Record<string, ReviewState>> = { APPROVED: 'approved', CHANGES_REQUESTED: 'changes_requested', COMMENTED: 'commented' };

/** Why teams could not be resolved, and how to fix it (the job's GITHUB_TOKEN has no organization Members permission). */
export const TEAMS_UNREADABLE =
  'team membership could not be read: give `github-token` a GitHub App installation token with the organization Members (read) permission; the job\'s own GITHUB_TOKEN cannot read teams';

export interface ReviewsOptions {
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  approvers?: ApproversFile;
}

export interface Reviews {
  approvals: ReviewApproval[];
  limitations: string[];
}

/** Reads every submitted review, oldest first, and resolves teams for reviewers who approved the head. */
export async function readReviews(client: GitHubClient, options: ReviewsOptions): Promise<Reviews> {
  const reviews = await client.paginate(client.rest.pulls.listReviews, { owner: options.owner, repo: options.repo, pull_number: options.pullNumber, per_page: 100 });
  const approvals: ReviewApproval[] = [];
  for (const review of reviews) {
    // A pending review is not submitted; a deleted account (`user: null`) cannot be anyone's approver.
    if (!review.user || review.state === 'PENDING' || !review.commit_id) continue;
    const dismissed = review.state === 'DISMISSED';
    approvals.push({
      user: review.user.login,
      commitSha: review.commit_id,
      isBot: review.user.type === 'Bot',
      state: dismissed ? 'approved' : (STATES[review.state] ?? 'commented'),
      ...(dismissed ? { dismissed: true } : {}),
      ...(review.submitted_at ? { submittedAt: review.submitted_at } : {}),
    });
  }
  const teams = [...new Set([...(options.approvers?.groups.values() ?? [])].flatMap((group) => group.groups))].filter((team) => /^[^/\s]+\/[^/\s]+$/.test(team));
  if (teams.length === 0) return { approvals, limitations: [] };

  const candidates = new Set(approvals.filter((a) => a.state === 'approved' && !a.dismissed && a.commitSha === options.headSha && !a.isBot).map((a) => a.user));
  const lookup = new TeamLookup(client);
  let unreadable = false;
  const groupsByUser = new Map<string, string[] | undefined>();
  for (const user of candidates) {
    const member: string[] = [];
    let unknown = false;
    for (const team of teams) {
      const answer = await lookup.isMember(team, user);
      if (answer === 'member') member.push(team);
      else if (answer === 'unreadable') unknown = true;
    }
    unreadable ||= unknown;
    groupsByUser.set(user, member.length > 0 || !unknown ? member : undefined);
  }
  const resolved = approvals.map((approval) => {
    if (!groupsByUser.has(approval.user)) return approval;
    const groups = groupsByUser.get(approval.user);
    return groups === undefined ? approval : { ...approval, groups };
  });
  return { approvals: resolved, limitations: unreadable ? [TEAMS_UNREADABLE] : [] };
}

type Membership = 'member' | 'not_member' | 'unreadable';

class TeamLookup {
  private readonly visible = new Map<string, Promise<boolean>>();

  constructor(private readonly client: GitHubClient) {}

  // 404 means "not a member" only when the token can see the team; GitHub answers 404 for both.
  async isMember(team: string, username: string): Promise<Membership> {
    const [org, slug] = team.split('/') as [string, string];
    try {
      const { data } = await this.client.rest.teams.getMembershipForUserInOrg({ org, team_slug: slug, username });
      return data.state === 'active' ? 'member' : 'not_member';
    } catch (error) {
      if (httpStatusOf(error) === 404 && (await this.canSee(org, slug))) return 'not_member';
      return 'unreadable';
    }
  }

  private canSee(org: string, slug: string): Promise<boolean> {
    const key = `${org}/${slug}`.toLowerCase();
    let seen = this.visible.get(key);
    if (!seen) {
      seen = this.client.rest.teams.getByName({ org, team_slug: slug }).then(
        () => true,
        () => false,
      );
      this.visible.set(key, seen);
    }
    return seen;
  }
}
