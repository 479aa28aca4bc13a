// The check run's summary stays within GitHub's 65,535 characters whatever the run found, and
// cuts the collapsed findings, never the verdict, the approvals or what the Action could not do.
import { expect, test } from 'vitest';
import type { GateReport } from '@cavra/core';
import { renderCheckSummary } from '../src/check-summary.ts';

function report(summary: string): GateReport {
  return {
    conclusion: 'failure',
    mode: 'enforce',
    title: 'CAVRA: 3000 blocked, 0 awaiting approval',
    counts: { allow: 0, audit_only: 0, warn: 0, allow_with_attestation: 0, require_approval: 0, block: 3000 },
    total: 3000,
    annotations: [],
    summary,
  };
}

const facts = (summary: string) => ({
  report: report(summary),
  approvals: [{ decision_id: 'd', rule_id: 'r', target: 'CODEOWNERS', approver_group: 'Platform Security', satisfied: false, reason: 'awaiting approval from `Platform Security`' }],
  agentAuthors: ['Copilot'],
  notes: ['the `CAVRA` check run was not created: the token cannot write checks'],
  evidence: { dir: '/tmp/evidence', bundleDigest: `sha256:${'0'.repeat(64)}` },
});

test('a small report is kept whole, the findings collapsed', () => {
  const text = renderCheckSummary(facts('## findings\n| a | b |\n'));
  expect(text).toContain('<details><summary>All 3000 decisions</summary>');
  expect(text).toContain('## findings\n| a | b |\n');
  expect(text).toContain('**Agent work:** authored by `Copilot`.');
  expect(text).not.toContain('truncated');
});

test('a huge report is cut at a line to fit 65,535 characters, keeping the verdict and the notes', () => {
  const rows = Array.from({ length: 5000 }, (_, index) => `| \`block\` | write_file | \`src/file-${index}.ts\` | rule | high | |`).join('\n');
  const text = renderCheckSummary(facts(`## CAVRA\n${rows}\n`));
  expect(text.length).toBeLessThanOrEqual(65_535);
  expect(text.length).toBeGreaterThan(60_000);
  expect(text.startsWith('### CAVRA: 3000 blocked')).toBe(true);
  expect(text).toContain('awaiting approval from `Platform Security`');
  expect(text).toContain('the token cannot write checks');
  expect(text).toMatch(/truncated to fit the check run; the full report is `gate-report\.md` in the evidence/);
  expect(text).toMatch(/\n<\/details>\n$/);
});

test('hostile targets and logins stay inside one inline code span', () => {
  const hostile = { ...facts('x'), agentAuthors: ['a`b\n## injected'] };
  const text = renderCheckSummary(hostile);
  expect(text).toContain("`a'b ## injected`");
  expect(text).not.toMatch(/^## injected/m);
});
