// Which `require_approval` decisions a change's reviews satisfy. Pure: the edge gathers the
// reviews (ReviewContext) and the approvers file; this decides, the same way for every provider.
import type { DecisionRecord } from '../decision/types.ts';
import { DEFAULT_AGENT_ACCOUNTS, isAgentAccount } from './agent-accounts.ts';
import type { ApproverGroup, ApproversFile } from './approvers-file.ts';
import type { ReviewApproval, ReviewContext } from './types.ts';

/** The label that, with a `Break-glass: <why>` line in the description, satisfies every approval. */
export const BREAK_GLASS_LABEL = 'cavra:break-glass';

/** How one `require_approval` decision stands. */
export interface ApprovalOutcome {
  decision_id: string;
  rule_id: string;
  target: string;
  approver_group: string | null;
  satisfied: boolean;
  /** How it was satisfied. */
  via?: 'review' | 'break_glass';
  /** The approver, or who applied the break-glass label when known. */
  by?: string;
  /** Why it is or is not satisfied, one line for the report and the evidence. */
  reason: string;
}

export interface JudgeApprovalsOptions {
  /** Accounts that never approve; default `DEFAULT_AGENT_ACCOUNTS`. The approvers file's `agent_accounts` are added. */
  agentAccounts?: readonly string[];
  breakGlassLabel?: string;
}

/**
 * Judges every `require_approval` decision against the change's reviews. An approval counts only
 * when it is the reviewer's latest (a later comment hides nothing), approves the current head
 * commit, is not dismissed, and comes from a member of the decision's approver group (by name
 * or through a provider group) who is not the change's author or a commit author, not a bot
 * and not an agent account. Without a review context nothing is satisfied.
 */
export function judgeApprovals(
  decisions: readonly DecisionRecord[],
  review: ReviewContext | undefined,
  approvers: ApproversFile | undefined,
  options: JudgeApprovalsOptions = {},
): ApprovalOutcome[] {
  const pending = decisions.filter((decision) => decision.decision === 'require_approval');
  if (pending.length === 0) return [];
  const agents = [...(options.agentAccounts ?? DEFAULT_AGENT_ACCOUNTS), ...(approvers?.agentAccounts ?? [])];
  const outcome = (decision: DecisionRecord, fields: Pick<ApprovalOutcome, 'satisfied' | 'reason' | 'via' | 'by'>): ApprovalOutcome => ({
    decision_id: decision.decision_id,
    rule_id: decision.rule_id,
    target: decision.target,
    approver_group: decision.approver_group,
    ...fields,
  });
  if (!review) {
    return pending.map((decision) => outcome(decision, { satisfied: false, reason: 'no change under review: approvals are read from a pull or merge request' }));
  }
  const excluded = exclusionOf(review, agents);
  const breakGlass = judgeBreakGlass(review, options.breakGlassLabel ?? BREAK_GLASS_LABEL, excluded);
  const latest = latestReviews(review.approvals);
  const head = review.headSha;

  return pending.map((decision) => {
    if (breakGlass.satisfied) return outcome(decision, { satisfied: true, via: 'break_glass', reason: breakGlass.note, ...(breakGlass.by ? { by: breakGlass.by } : {}) });
    const notes = breakGlass.note ? [breakGlass.note] : [];
    const unsatisfied = (reason: string) => outcome(decision, { satisfied: false, reason: [reason, ...notes].join('; ') });
    const name = decision.approver_group;
    if (!name) return unsatisfied('the deciding rule names no approver group, so no review can satisfy it (give the rule an `approver_group`)');
    if (!approvers) return unsatisfied(`no approvers file maps \`${name}\` to users or groups (add \`.cavra/approvers.yml\` on the base branch)`);
    const group = approvers.groups.get(name.toLowerCase());
    if (!group) return unsatisfied(`\`${name}\` is not defined in \`${approvers.file}\``);

    const rejected: string[] = [];
    for (const approval of latest) {
      const why = excluded(approval) ?? staleness(approval, head) ?? membership(approval, group);
      if (why === undefined) {
        return outcome(decision, { satisfied: true, via: 'review', by: approval.user, reason: `approved by @${approval.user} (\`${group.name}\`) on head \`${head.slice(0, 12)}\`` });
      }
      if (why !== '') rejected.push(`@${approval.user} ${why}`);
    }
    const waiting = `awaiting approval from \`${group.name}\` on head \`${head.slice(0, 12)}\``;
    return unsatisfied(rejected.length === 0 ? `${waiting}: no approving review yet` : `${waiting}: ${rejected.join('; ')}`);
  });
}

type Exclusion = (actor: { user: string; isBot: boolean }) => string | undefined;

// The author, commit authors, bots and agents never approve (nor break glass): self-approval by
// another name. Logins compare case-insensitively.
function exclusionOf(review: ReviewContext, agents: readonly string[]): Exclusion {
  const author = review.author.toLowerCase();
  const committers = new Set(review.commitAuthors.map((user) => user.toLowerCase()));
  return ({ user, isBot }) => {
    const login = user.toLowerCase();
    if (login === author) return "is the change's author";
    if (isAgentAccount(user, agents)) return 'is an agent account';
    if (isBot) return 'is a bot';
    if (committers.has(login)) return 'authored commits in the change';
    return undefined;
  };
}

// '' means "not an approval at all", which is not worth listing.
function staleness(approval: ReviewApproval, head: string): string | undefined {
  if ((approval.state ?? 'approved') !== 'approved') return 'requested changes';
  if (approval.dismissed) return 'approved, but the review was dismissed';
  if (approval.commitSha !== head) return `approved an older commit \`${approval.commitSha.slice(0, 12)}\``;
  return undefined;
}

function membership(approval: ReviewApproval, group: ApproverGroup): string | undefined {
  const login = approval.user.toLowerCase();
  if (group.users.some((user) => user.toLowerCase() === login)) return undefined;
  if (group.groups.length === 0) return `is not in \`${group.name}\``;
  if (approval.groups === undefined) return `is not listed in \`${group.name}\` and their group membership could not be read`;
  const theirs = new Set(approval.groups.map((name) => name.toLowerCase()));
  return group.groups.some((name) => theirs.has(name.toLowerCase())) ? undefined : `is not in \`${group.name}\``;
}

// The latest review per user that says something (approved or changes requested): a later
// comment must not hide an approval or a request for changes. Ordered by submission time when
// every review has one, else by list order (providers list oldest first).
function latestReviews(approvals: readonly ReviewApproval[]): ReviewApproval[] {
  const timed = approvals.every((approval) => approval.submittedAt !== undefined && !Number.isNaN(Date.parse(approval.submittedAt)));
  const ordered = approvals.map((approval, index) => ({ approval, index }));
  if (timed) ordered.sort((a, b) => Date.parse(a.approval.submittedAt!) - Date.parse(b.approval.submittedAt!) || a.index - b.index);
  const latest = new Map<string, ReviewApproval>();
  for (const { approval } of ordered) {
    if (approval.state === 'commented') continue;
    const login = approval.user.toLowerCase();
    latest.delete(login);
    latest.set(login, approval);
  }
  return [...latest.values()];
}

interface BreakGlass {
  satisfied: boolean;
  by?: string;
  note: string;
}

// attacker-controlled: the description is written by the change's author (often the agent); the
// label needs triage rights, and who applied it is checked when the edge could read it.
function judgeBreakGlass(review: ReviewContext, label: string, excluded: Exclusion): BreakGlass {
  if (!review.labels.some((name) => name.toLowerCase() === label.toLowerCase())) return { satisfied: false, note: '' };
  const justification = breakGlassJustification(review.body ?? '');
  if (!justification) return { satisfied: false, note: `label \`${label}\` is set but the description has no \`Break-glass: <why>\` line` };
  const actor = review.breakGlassBy;
  const why = actor ? excluded(actor) : undefined;
  if (actor && why) return { satisfied: false, note: `label \`${label}\` was applied by @${actor.user}, who ${why}: break-glass needs another person` };
  const who = actor ? `applied by @${actor.user}` : 'applied by an account that could not be read';
  return { satisfied: true, ...(actor ? { by: actor.user } : {}), note: `break-glass: label \`${label}\` ${who}; justification: ${quote(justification)}` };
}

/** The text of the description's first `Break-glass: <why>` line (Markdown emphasis allowed), if any. */
export function breakGlassJustification(body: string): string | undefined {
  const match = /^[ \t>*_-]*break[- ]glass(?:[ -]justification)?[*_]*[ \t]*:[*_ \t]*(\S.*?)[ \t]*$/im.exec(body);
  const text = match?.[1]?.replace(/[*_]+$/, '').trim();
  return text ? text : undefined;
}

function quote(text: string): string {
  const flat = text.replace(/[\r\n`]+/g, ' ');
  return `"${flat.length > 200 ? `${flat.slice(0, 197)}...` : flat}"`;
}
