// Issue 17 items 7, 8 and 11 at the unit level: push targets read in both forms, the size caps,
// release counters that cannot be read, and `except`, which command rules refuse.
import { beforeAll, expect, test } from 'vitest';
import { compilePack, decideGitOperation, evaluate, isCavraError, loadCommandAnalyzer, MAX_TARGET_LENGTH, PackCatalog, parsePack, type ActionRequest, type DecisionPolicy } from '@cavra/core';

const context = { now: () => new Date(0), randomHex: (bytes: number) => '0'.repeat(bytes * 2) };
const catalog = new PackCatalog();
const baseline = catalog.compile('cavra-ai-agent-baseline');
let policy: DecisionPolicy;

beforeAll(async () => {
  await loadCommandAnalyzer();
  policy = { packs: new Map([[baseline.id, baseline]]), defaultPackId: baseline.id };
});

const decide = (request: ActionRequest) => evaluate(policy, request, context);

test.for([
  ['feature/main', 'request', 'block'],
  ['feature/main', 'refspecs', 'allow'],
  ['HEAD:feature/main', 'refspecs', 'allow'],
  ['heads/main', 'refspecs', 'block'],
  ['refs/heads/main', 'refspecs', 'block'],
  ['main/', 'refspecs', 'block'],
  ['refs/heads/*', 'refspecs', 'block'],
  ['refs/heads/agent/*', 'refspecs', 'allow'],
  ['origin/heads/main', 'request', 'block'],
  ['origin/feature/main', 'request', 'allow'],
] as const)('push of %s read as a %s target is %s', ([target, form, expected]) => {
  expect(decideGitOperation(baseline, 'push', target, form).decision).toBe(expected);
});

test('a target over the cap is blocked with a one-line reason and is not copied whole', () => {
  const record = decide({ action_type: 'execute_command', target: `echo ${'a'.repeat(MAX_TARGET_LENGTH)}` });
  expect(record.decision).toBe('block');
  expect(record.reason).toMatch(/^evaluation failed \(ERR_REQUEST_TOO_LARGE\): request too large: `target` is \d+ characters/);
  expect(record.reason).not.toContain('\n');
  expect(record.target.length).toBeLessThan(400);
});

test('a request over the cap as a whole is blocked too', () => {
  const record = decide({ action_type: 'release_governance_record', record: { metadata_kind: 'rollout-evidence-capture', notes: 'x'.repeat(1_100_000) } });
  expect(record.decision).toBe('block');
  expect(record.reason).toContain('ERR_REQUEST_TOO_LARGE');
});

test('look-alike: a long command under the cap is decided on its merits', () => {
  const record = decide({ action_type: 'execute_command', target: `terraform plan -var note=${'a'.repeat(100_000)}` });
  expect(record.rule_id).toBe('commands.allow');
});

test('a critical counter of 1e400 (Infinity once parsed) needs approval', () => {
  const request = JSON.parse('{"action_type":"release_governance_record","record":{"metadata_kind":"endpoint-remediation-sla-report","critical_count":1e400}}') as ActionRequest;
  const record = decide(request);
  expect(record.decision).toBe('require_approval');
  expect(record.rule_id).toBe('release_governance.signal.unreadable');
});

test('`except` on a command rule is refused with a hint, not ignored', () => {
  const document = parsePack({
    file: 'x.yaml',
    text: 'metadata: {id: x, title: X, version: 1}\nrules:\n  - {id: c, action: execute_command, match: ["npm *"], except: ["npm publish*"], decision: allow}\n',
  });
  let caught: unknown;
  try {
    compilePack(document);
  } catch (error) {
    caught = error;
  }
  expect(isCavraError(caught) && caught.code).toBe('ERR_POLICY_PACK_INVALID');
});

test('`except` narrows a file rule', () => {
  const pack = compilePack(parsePack({
    file: 'y.yaml',
    text: 'metadata: {id: y, title: Y, version: 1}\nrules:\n  - {id: f, action: read_file, match: ["**/*.key"], except: ["**/testdata/**"], decision: block}\n',
  }));
  const local: DecisionPolicy = { packs: new Map([[pack.id, pack]]), defaultPackId: pack.id };
  expect(evaluate(local, { action_type: 'read_file', target: 'certs/tls.key' }, context).decision).toBe('block');
  expect(evaluate(local, { action_type: 'read_file', target: 'pkg/testdata/tls.key' }, context).decision).toBe('allow');
});
