import { permitsAction } from '../decision/precedence.ts';
import { DECISIONS, type DecisionRecord, type DecisionValue } from '../decision/types.ts';
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
 * Builds the report of a gate run. In enforce mode a `block` or `require_approval` fails the
 * check (the change must not merge until it is resolved); in shadow mode it is reported only.
 */
export function buildGateReport(decisions: readonly DecisionRecord[], mode: GateMode): GateReport {
  const counts = Object.fromEntries(DECISIONS.map((value) => [value, 0])) as Record<DecisionValue, number>;
  for (const decision of decisions) counts[decision.decision] += 1;
  const holding = decisions.filter(isHeld);
  const conclusion: GateConclusion = holding.length === 0 ? 'success' : mode === 'enforce' ? 'failure' : 'neutral';
  const title =
    holding.length === 0
      ? `CAVRA: ${decisions.length} agent action${decisions.length === 1 ? '' : 's'} allowed`
      : `CAVRA: ${counts.block} blocked, ${counts.require_approval} awaiting approval${mode === 'shadow' ? ' (shadow mode)' : ''}`;
  const annotations = decisions.flatMap((decision): GateAnnotation[] => {
    const level = LEVELS[decision.decision];
    if (level === undefined) return [];
    const path = fileOf(decision);
    return [
      {
        level: mode === 'shadow' && level === 'failure' ? 'warning' : level,
        ...(path !== undefined ? { path: displayText(path) } : {}),
        title: displayText(`${decision.decision} by ${decision.rule_id}`),
        message: displayText(`${decision.action_type} \`${decision.target}\`: ${decision.reason}${decision.approver_group ? ` (approver: ${decision.approver_group})` : ''}`),
      },
    ];
  });
  return { conclusion, mode, title, counts, total: decisions.length, annotations, summary: renderSummary(title, counts, decisions, mode) };
}

function renderSummary(title: string, counts: Record<DecisionValue, number>, decisions: readonly DecisionRecord[], mode: GateMode): string {
  const lines = [`## ${title}`, '', '| decision | count |', '| --- | ---: |'];
  for (const value of [...DECISIONS].reverse()) if (counts[value] > 0) lines.push(`| \`${value}\` | ${counts[value]} |`);
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

function plain(text: string): string {
  const flat = displayText(text.replace(/[\r\n]+/g, ' ')).replace(/\|/g, '\\|');
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
