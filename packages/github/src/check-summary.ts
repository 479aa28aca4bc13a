// The check run's summary and the job summary: the verdict, approvals, agent authorship and what
// the Action could not do first, the full findings collapsed below, all within 65,535 characters
// (the Checks API's limit; the job summary's 1 MiB is then never reached).
import type { ApprovalOutcome, GateReport } from '@cavra/core';
import { CHECK_LIMITS } from './check-run.ts';

export interface SummaryFacts {
  report: GateReport;
  approvals: readonly ApprovalOutcome[];
  agentAuthors: readonly string[];
  /** What the Action could not do or read, one line each. */
  notes: readonly string[];
  evidence: { dir: string; bundleDigest?: string; uri?: string; artifact?: string };
}

const TRUNCATED = '\n\n_… truncated to fit the check run; the full report is `gate-report.md` in the evidence._\n';

/** Renders the summary, cutting the collapsed findings (never the verdict) to fit `limit` characters. */
export function renderCheckSummary(facts: SummaryFacts, limit: number = CHECK_LIMITS.summaryChars): string {
  const head: string[] = [`### ${facts.report.title}`, ''];
  if (facts.agentAuthors.length > 0) head.push(`**Agent work:** authored by ${facts.agentAuthors.map(code).join(', ')}.`, '');
  if (facts.approvals.length > 0) {
    head.push('**Approvals**', '');
    for (const outcome of facts.approvals) {
      head.push(`- ${outcome.satisfied ? '✅' : '⏳'} ${code(outcome.target)} (${code(outcome.rule_id)}): ${flat(outcome.reason)}`);
    }
    head.push('');
  }
  if (facts.notes.length > 0) {
    head.push('**What the Action could not do**', '');
    for (const note of facts.notes) head.push(`- ${flat(note)}`);
    head.push('');
  }
  head.push(`Evidence: ${code(facts.evidence.dir)}${facts.evidence.bundleDigest ? ` (bundle \`${facts.evidence.bundleDigest}\`)` : ''}${facts.evidence.uri ? `, stored at ${code(facts.evidence.uri)}` : ''}${facts.evidence.artifact ? `, uploaded as the workflow artifact ${code(facts.evidence.artifact)}` : ''}.`, '');
  let top = head.join('\n');
  if (top.length > limit / 2) top = `${top.slice(0, Math.floor(limit / 2))}${TRUNCATED}`;
  const open = `<details><summary>All ${facts.report.total} decisions</summary>\n\n`;
  const close = '\n</details>\n';
  const room = limit - top.length - 1 - open.length - close.length;
  const body = facts.report.summary.length <= room ? facts.report.summary : `${cutAtLine(facts.report.summary, room - TRUNCATED.length)}${TRUNCATED}`;
  return `${top}\n${open}${body}${close}`;
}

function cutAtLine(text: string, max: number): string {
  const cut = text.slice(0, Math.max(0, max));
  const newline = cut.lastIndexOf('\n');
  return newline > 0 ? cut.slice(0, newline) : cut;
}

// attacker-controlled: logins, targets and reasons quoting them stay on one line.
function flat(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

function code(text: string): string {
  return `\`${flat(text).replace(/`/g, "'")}\``;
}
