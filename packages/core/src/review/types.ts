// The change under review as a provider reports it, in one provider-neutral shape. Each wrapper
// fills it from its own API (GitHub reviews, GitLab MR approvals, Azure DevOps reviewer votes);
// the core alone decides which approvals count.
import type { ProviderId } from '../gate/providers.ts';

/** One reviewer's approval as the provider reports it (the latest per user). */
export interface ReviewApproval {
  /** The provider's login or unique name. */
  user: string;
  /** The commit the approval was given on. */
  commitSha: string;
  /** A bot, app or service account. */
  isBot: boolean;
  /** Provider groups the user is known to belong to (teams, GitLab groups, Azure DevOps groups), as `org/team` names; absent when they could not be read. */
  groups?: readonly string[];
  /** Dismissed, stale or withdrawn: recorded, never counted. */
  dismissed?: boolean;
}

export interface ReviewContext {
  provider: ProviderId;
  /** Pull request, merge request: their number or id. */
  changeId: string;
  url?: string;
  headSha: string;
  baseSha?: string;
  /** Who opened the change. */
  author: string;
  authorIsBot?: boolean;
  /** Commit authors and committers of the change. */
  commitAuthors: readonly string[];
  labels: readonly string[];
  /** The change's description, where a break-glass justification is written. */
  body?: string;
  approvals: readonly ReviewApproval[];
  /** What the edge could not read, said plainly (e.g. team membership without a token that can read it). */
  limitations?: readonly string[];
}
