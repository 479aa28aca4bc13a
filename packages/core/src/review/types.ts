// The change under review as a provider reports it, in one provider-neutral shape. Each wrapper
// fills it from its own API (GitHub reviews, GitLab MR approvals, Azure DevOps reviewer votes);
// the core alone decides which approvals count.
import type { ProviderId } from '../gate/providers.ts';

/** What a review says; only `approved` can satisfy an approval, and a later `commented` hides nothing. */
export const REVIEW_STATES = ['approved', 'changes_requested', 'commented'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** One reviewer's review as the provider reports it; the core keeps the latest per user. */
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
  /** Default `approved` (providers that list approvals only). */
  state?: ReviewState;
  /** ISO 8601; orders a user's reviews when present, else the list order (oldest first) does. */
  submittedAt?: string;
}

/** Who applied a label, as the provider's event history tells. */
export interface LabelActor {
  user: string;
  isBot: boolean;
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
  /** Who applied the break-glass label last, when the edge could read it; the author, a bot or an agent cannot break glass. */
  breakGlassBy?: LabelActor;
  /** What the edge could not read, said plainly (e.g. team membership without a token that can read it). */
  limitations?: readonly string[];
}
