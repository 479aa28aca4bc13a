import { permitsAction } from '../decision/precedence.ts';
import { DECISIONS, type DecisionRecord, type DecisionValue } from '../decision/types.ts';
import type { ApprovalOutcome } from '../review/approvals.ts';
import { displayText } from './display-text.ts';

/** The two ways a gate can run: enforce fails the check on a blocking decision, shadow only reports. */
export const GATE_MODES = ['enforce', 'shadow'] as const;
export type GateMode = (typeof GATE_MODES)[number];

export type GateConclusion = 'success' | 'failure' | 'neutral';

/** One finding worth showing next to the change (a check annotation, an MR note line). */
export interface GateAnnotation {
  level: 'failure' | 'warning' | 'notice';
  /** The file an annotation belongs to, when the action named one. */
  path?: string;
  title: string;
  message: string;
}

/** The provider-neutral result of a gate run; each wrapper renders it natively. */
export interface GateReport {
  conclusion: GateConclusion;
  mode: GateMode;
  title: string;
  counts: Record<DecisionValue, number>;
  total: number;
  annotations: GateAnnotation[];
  /** A Markdown summary (step summary, check output, MR note). */
  summary: string;
  /** Every `require_approval` decision's outcome, satisfied or not (absent when the gate judged none). */
  approvals?: ApprovalOutcome[];
  /** The change under review, when the gate ran on one. */
  change?: GateChange;
}

/** The change a gate run judged, as recorded with its report (never the description's text). */
export interface GateChange {
  provider: string;
  id: string;
  url?: string;
  headSha: string;
  author: string;
  /** Agent accounts among the author and commit authors: the change is agent work. */
  agentAuthors: string[];
  /** What the edge could not read. */
  limitations: string[];
}

export interface GateReportOptions {
  /** Outcomes of the `require_approval` decisions; a satisfied one no longer holds the change. */
  approvals?: readonly ApprovalOutcome[];
  change?: GateChange;
}

const LEVELS: Readonly<Record<DecisionValue, GateAnnotation['level'] | undefined>> = {
  block: 'failure',
  require_approval: 'failure',
  allow_with_attestation: 'notice',
  warn: 'warning',
  audit_only: undefined,
  allow: undefined,
};
const FILE_ACTIONS: ReadonlySet<string> = new Set(['read_file', 'write_file']);

/** Whether a decision holds the change back (a block, or an approval not yet given). */
export function isHeld(decision: Pick<DecisionRecord, 'decision'>): boolean {
  return !permitsAction(decision.decision);
}

/** The file a decision is about, when its action names one. */
export function fileOf(decision: Pick<DecisionRecord, 'action_type' | 'target'>): string | undefined {
  return FILE_ACTIONS.has(decision.action_type) ? decision.target : undefined;
}

/**
 * Builds the report of a gate run. In enforce mode a `block`, or a `require_approval` no valid
 * approval satisfies, fails the check (the change must not merge until it is resolved); in
 * shadow mode it is reported only.
 */
export function buildGateReport(decisions: readonly DecisionRecord[], mode: GateMode, options: GateReportOptions = {}): GateReport {
  const counts = Object.fromEntries(DECISIONS.map((value) => [value, 0])) as Record<DecisionValue, number>;
  for (const decision of decisions) counts[decision.decision] += 1;
  const approved = new Map((options.approvals ?? []).filter((outcome) => outcome.satisfied).map((outcome) => [outcome.decision_id, outcome]));
  const holding = decisions.filter((decision) => isHeld(decision) && !(decision.decision === 'require_approval' && approved.has(decision.decision_id)));
  const conclusion: GateConclusion = holding.length === 0 ? 'success' : mode === 'enforce' ? 'failure' : 'neutral';
  const approvedNote = approved.size > 0 ? `, ${approved.size} approved` : '';
  const title =
    holding.length === 0
      ? `CAVRA: ${decisions.length} agent action${decisions.length === 1 ? '' : 's'} allowed${approvedNote}`
      : `CAVRA: ${counts.block} blocked, ${counts.require_approval - approved.size} awaiting approval${approvedNote}${mode === 'shadow' ? ' (shadow mode)' : ''}`;
  const annotations = decisions.flatMap((decision): GateAnnotation[] => {
    const path = fileOf(decision);
    const approval = decision.decision === 'require_approval' ? approved.get(decision.decision_id) : undefined;
    if (approval) {
      return [{ level: 'notice', ...(path !== undefined ? { path: displayText(path) } : {}), title: displayText(`require_approval by ${decision.rule_id}: approved`), message: displayText(`${decision.action_type} \`${decision.target}\`: ${approval.reason}`) }];
    }
    const level = LEVELS[decision.decision];
    if (level === undefined) return [];
    return [
      {
        level: mode === 'shadow' && level === 'failure' ? 'warning' : level,
        ...(path !== undefined ? { path: displayText(path) } : {}),
        title: displayText(`${decision.decision} by ${decision.rule_id}`),
        message: displayText(`${decision.action_type} \`${decision.target}\`: ${decision.reason}${decision.approver_group ? ` (approver: ${decision.approver_group})` : ''}`),
      },
    ];
  });
  return {
    conclusion,
    mode,
    title,
    counts,
    total: decisions.length,
    annotations,
    summary: renderSummary(title, counts, decisions, mode, options),
    ...(options.approvals && options.approvals.length > 0 ? { approvals: [...options.approvals] } : {}),
    ...(options.change ? { change: options.change } : {}),
  };
}

function renderSummary(title: string, counts: Record<DecisionValue, number>, decisions: readonly DecisionRecord[], mode: GateMode, options: GateReportOptions): string {
  const lines = [`## ${title}`, '', '| decision | count |', '| --- | ---: |'];
  for (const value of [...DECISIONS].reverse()) if (counts[value] > 0) lines.push(`| \`${value}\` | ${counts[value]} |`);
  if (options.change && options.change.agentAuthors.length > 0) lines.push('', `Agent work: ${options.change.agentAuthors.map(cell).join(', ')}.`);
  if (options.approvals && options.approvals.length > 0) {
    lines.push('', '| approval | target | rule | why |', '| --- | --- | --- | --- |');
    for (const outcome of options.approvals) lines.push(`| ${outcome.satisfied ? 'satisfied' : 'awaiting'} | ${cell(outcome.target)} | ${cell(outcome.rule_id)} | ${plain(outcome.reason, 400)} |`);
  }
  const notable = decisions.filter((decision) => decision.decision !== 'allow');
  if (notable.length > 0) {
    lines.push('', '| decision | action | target | rule | severity | approver |', '| --- | --- | --- | --- | --- | --- |');
    for (const d of notable) {
      lines.push(`| \`${d.decision}\` | ${plain(d.action_type)} | ${cell(d.target)} | ${cell(d.rule_id)} | ${d.severity} | ${plain(d.approver_group ?? '')} |`);
    }
  }
  // How to switch modes is the edge's to say: a flag, an input or a variable.
  if (mode === 'shadow') lines.push('', '_Shadow mode: nothing was held back._');
  return `${lines.join('\n')}\n`;
}

// attacker-controlled: targets come from the agent; keep them inside one table cell.
function cell(text: string): string {
  return `\`${plain(text).replace(/`/g, "'")}\``;
}

function plain(text: string, max = 120): string {
  const flat = displayText(text.replace(/[\r\n]+/g, ' ')).replace(/\|/g, '\\|');
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}
