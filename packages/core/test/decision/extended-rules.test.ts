// The additive schema: rules with any of the six decisions, per-action defaults, and the
// strictest-wins precedence between them and upstream lists.
import { beforeAll, expect, test } from 'vitest';
import { compilePack, evaluate, loadCommandAnalyzer, parsePack, runPackSelfTests, type ActionRequest } from '@cavra/core';

beforeAll(() => loadCommandAnalyzer());

const context = { now: () => new Date('2026-11-29T12:00:00.123Z'), randomHex: (bytes: number) => 'ab'.repeat(bytes) };

const pack = compilePack(
  parsePack({
    file: 'extended.yaml',
    text: `
metadata: {id: extended, title: Extended, version: 1}
compliance: {maps_to: [SOC 2 CC8.1]}
filesystem:
  block_read: ["**/.env"]
  require_approval_write: ["**/iam/**"]
commands:
  allow: ["npm *", "make*"]
rules:
  - id: files.docs.audit
    action: file
    match: ["docs/**"]
    decision: audit_only
  - id: files.iam.attest
    action: write_file
    match: ["**/iam/**"]
    decision: allow_with_attestation
  - id: commands.publish.warn
    action: execute_command
    match: ["npm publish*"]
    decision: warn
    severity: medium
    message: publishing is logged for release review
    compliance: [ISO 27001 A.8.32]
    examples: {match: ["npm publish --dry-run"], not_match: ["npm test"]}
  - id: mcp.browser.approval
    action: mcp_tool_call
    match: ["browser:*"]
    decision: require_approval
    approver_group: AI Governance
defaults:
  read_file: {decision: warn, rule_id: files.default.warn}
  execute_command: {decision: block, severity: high}
mcp:
  block_unknown_servers: false
tests:
  - name: publish warns
    request: {action_type: execute_command, target: npm publish}
    expect: {decision: warn, rule_id: commands.publish.warn}
  - name: unknown commands are blocked by the default
    request: {action_type: execute_command, target: rm -rf build}
    expect: {decision: block, rule_id: execute_command.default.block}
`,
  }),
);

function decide(request: ActionRequest) {
  return evaluate({ packs: new Map([[pack.id, pack]]), defaultPackId: pack.id }, request, context);
}

test.for([
  [{ action_type: 'read_file', target: 'docs/guide.md' }, 'audit_only', 'files.docs.audit'],
  [{ action_type: 'read_file', target: 'src/app.ts' }, 'warn', 'files.default.warn'],
  [{ action_type: 'read_file', target: 'docs/.env' }, 'block', 'filesystem.read.block'],
  [{ action_type: 'write_file', target: 'infra/iam/role.tf' }, 'require_approval', 'filesystem.write.require_approval'],
  [{ action_type: 'execute_command', target: 'npm publish' }, 'warn', 'commands.publish.warn'],
  [{ action_type: 'execute_command', target: 'make all' }, 'allow', 'commands.allow'],
  [{ action_type: 'execute_command', target: 'curl x' }, 'block', 'execute_command.default.block'],
  [{ action_type: 'mcp_tool_call', server: 'browser', tool: 'open' }, 'require_approval', 'mcp.browser.approval'],
  [{ action_type: 'mcp_tool_call', server: 'other', tool: 'open' }, 'allow', 'mcp.server.trust.allow'],
] as const)('%j gets %s by %s', ([request, decision, ruleId]) => {
  const record = decide(request as ActionRequest);
  expect([record.decision, record.rule_id]).toEqual([decision, ruleId]);
});

test('a rule carries its message, severity, approver group and compliance mapping into the record', () => {
  const warn = decide({ action_type: 'execute_command', target: 'npm publish' });
  expect(warn).toMatchObject({ severity: 'medium', reason: 'publishing is logged for release review', compliance: ['ISO 27001 A.8.32'], approver_group: null });
  const approval = decide({ action_type: 'mcp_tool_call', server: 'browser', tool: 'open' });
  expect(approval).toMatchObject({ approver_group: 'AI Governance', compliance: ['SOC 2 CC8.1'] });
});

test('the record has the 17 upstream fields in upstream order, with injected time and ids', () => {
  const record = decide({ session_id: 's1', action_type: 'read_file', target: 'docs/a.md' });
  expect(Object.keys(record).slice(0, 17)).toEqual([
    'decision_id', 'session_id', 'agent_id', 'actor', 'action_type', 'target', 'requested_operation', 'policy_pack', 'policy_id',
    'rule_id', 'decision', 'severity', 'reason', 'evidence_refs', 'approver_group', 'timestamp', 'correlation_id',
  ]);
  expect(record).toMatchObject({
    decision_id: 'dec_abababababab',
    correlation_id: 'corr_abababababab',
    evidence_refs: ['evidence://s1/dec_abababababab'],
    timestamp: '2026-11-29T12:00:00.123000+00:00',
    agent_id: 'unknown-agent',
    actor: 'ai-agent',
    policy_id: 'extended',
  });
});

test('the pack self-tests pass, and a wrong expectation fails', () => {
  expect(runPackSelfTests(pack)).toMatchObject({ passed: 4, failures: [] });
  const broken = compilePack({ ...pack.document, tests: [{ name: 'wrong', request: { action_type: 'execute_command', target: 'npm test' }, expect: { decision: 'block' } }] });
  expect(runPackSelfTests(broken).failures).toEqual([{ pack: 'extended', test: 'wrong', message: 'test `wrong`: decision was `allow`, expected `block`' }]);
});

test('an unknown pack fails closed with a block that names the error', () => {
  const record = evaluate({ packs: new Map(), defaultPackId: 'missing' }, { action_type: 'read_file', target: 'a' }, context);
  expect(record).toMatchObject({ decision: 'block', rule_id: 'cavra.evaluation.error' });
  expect(record.reason).toContain('ERR_POLICY_PACK_NOT_FOUND');
});
