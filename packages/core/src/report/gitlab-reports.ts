import { createHash } from 'node:crypto';
import type { DecisionRecord } from '../decision/types.ts';
import { fileOf, isHeld, type GateReport } from './gate-report.ts';

// GitLab's native report artefacts: JUnit (`artifacts:reports:junit`, the MR test summary: one
// test case per agent action, failed when it is held back) and Code Quality
// (`artifacts:reports:codequality`, the MR widget and diff annotations).

const SEVERITY = { critical: 'blocker', high: 'critical', medium: 'major', low: 'minor' } as const;

// attacker-controlled text goes into attributes and element text: escape it, and drop control
// characters XML 1.0 cannot carry.
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A JUnit XML report of the gate's decisions. */
export function renderJUnit(report: GateReport, decisions: readonly DecisionRecord[]): string {
  const failures = decisions.filter(isHeld).length;
  const cases = decisions.map((decision) => {
    const name = xml(`${decision.action_type} ${decision.target}`);
    const open = `    <testcase classname="${xml(decision.rule_id)}" name="${name}">`;
    if (!isHeld(decision) || report.mode === 'shadow') return `${open}<system-out>${xml(`${decision.decision}: ${decision.reason}`)}</system-out></testcase>`;
    return `${open}<failure type="${xml(decision.decision)}" message="${xml(decision.reason)}">${xml(`${decision.decision} by ${decision.rule_id} (${decision.severity})${decision.approver_group ? `, approver: ${decision.approver_group}` : ''}`)}</failure></testcase>`;
  });
  const counted = report.mode === 'shadow' ? 0 : failures;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cavra" tests="${decisions.length}" failures="${counted}">\n  <testsuite name="${xml(report.title)}" tests="${decisions.length}" failures="${counted}">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`;
}

/** A GitLab Code Quality report: one finding per decision that is not a plain allow. */
export function renderCodeQuality(decisions: readonly DecisionRecord[], fallbackPath: string): string {
  const findings = decisions
    .filter((decision) => decision.decision !== 'allow')
    .map((decision) => ({
      description: `${decision.decision}: ${decision.action_type} \`${decision.target}\`: ${decision.reason}`,
      check_name: decision.rule_id,
      fingerprint: createHash('sha256').update(`${decision.decision}\u0000${decision.rule_id}\u0000${decision.action_type}\u0000${decision.target}`).digest('hex'),
      severity: isHeld(decision) ? SEVERITY[decision.severity] : 'info',
      location: { path: fileOf(decision) ?? fallbackPath, lines: { begin: 1 } },
    }));
  return `${JSON.stringify(findings, null, 2)}\n`;
}
