// The built-in packs (packages/core/packs/*.yaml): each loads, compiles and passes its own
// self-tests; each is never more permissive than upstream CAVRA's pack of the same id, over
// every pattern of every upstream pack turned into concrete requests plus upstream's own case
// files; on the requests where both agree, the rule id, severity and approver group are
// upstream's; and the weaknesses of cavra-reference §10 are fixed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  loadCommandAnalyzer,
  compilePolicy,
  evaluate,
  isStricter,
  openPolicy,
  PackCatalog,
  parsePack,
  runPackSelfTests,
  type ActionRequest,
  type DecisionContext,
  type DecisionPolicy,
  type DecisionRecord,
  type PackDocument,
} from '@cavra/core';
import { requireUpstream, upstreamPolicyDir } from './support/paths.ts';

const UPSTREAM = requireUpstream();
// Comparisons are computed while tests are collected, so the shell parser loads first.
await loadCommandAnalyzer();
const UPSTREAM_POLICIES = upstreamPolicyDir();
const CONTEXT: DecisionContext = { now: () => new Date(0), randomHex: (bytes) => '0'.repeat(bytes * 2) };

// Packs of ours with no upstream counterpart.
const OWN_PACK_IDS = ['cavra-ci-baseline'];
const PACK_IDS = [
  'ai-agent-baseline',
  'banking-regulated-ai',
  'cavra-agentic-delivery',
  'cavra-ai-agent-baseline',
  'cavra-banking-baseline',
  'cavra-cloud-iam',
  'cavra-eu-ai-act',
  'cavra-github-enterprise',
  'cavra-gitlab-enterprise',
  'cavra-hipaa',
  'cavra-iso27001',
  'cavra-kubernetes-prod',
  'cavra-mcp-enterprise',
  'cavra-nist-ssdf',
  'cavra-owasp-llm-agentic',
  'cavra-pci-dss',
  'cavra-sox-change-control',
  'cavra-terraform-prod',
  'mcp-server-governance',
  'terraform-ai-guardrails',
];

const builtins = new PackCatalog();
const upstreamCatalog = new PackCatalog({ policyDirs: [UPSTREAM_POLICIES] });
const registryFile = join(UPSTREAM, 'mcp_registry.json');

function policies(registry: boolean): { upstream: DecisionPolicy; ours: DecisionPolicy } {
  const options = registry ? { registryFile } : {};
  return {
    upstream: compilePolicy(openPolicy({ policyDirs: [UPSTREAM_POLICIES], ...options }), PACK_IDS),
    ours: compilePolicy(openPolicy(options), PACK_IDS),
  };
}
const policyMode = policies(false);
const registryMode = policies(true);

describe('built-in packs', () => {
  test('there is one built-in pack per upstream pack id, our own CI pack, and no community starter', () => {
    const upstreamIds = readdirIds();
    expect(upstreamIds).toEqual(PACK_IDS);
    expect(builtins.list().filter((id) => builtins.lookup(id)?.file.startsWith('builtin:')).sort()).toEqual([...PACK_IDS, ...OWN_PACK_IDS].sort());
  });

  test.for(OWN_PACK_IDS)('%s (ours, not upstream) loads, compiles and passes its own self-tests', (id) => {
    expect(runPackSelfTests(builtins.compile(id)).failures).toEqual([]);
  });

  test.for(PACK_IDS)('%s loads, compiles and passes its own self-tests', (id) => {
    const pack = builtins.compile(id);
    expect(pack.id).toBe(id);
    const report = runPackSelfTests(pack);
    expect(report.failures).toEqual([]);
    expect((pack.document.tests ?? []).length).toBeGreaterThanOrEqual(2);
    expect(report.passed).toBeGreaterThan(10);
  });

  test.for(PACK_IDS)('%s inherits what upstream inherits', (id) => {
    const ours = toList(parsePack(builtins.lookup(id)!).metadata.inherits);
    const theirs = toList(parsePack(upstreamCatalog.lookup(id)!).metadata.inherits);
    // Legacy ids may inherit the pack whose rules they repeat; otherwise inheritance is upstream's.
    for (const parent of theirs) expect(ours).toContain(parent);
  });

  test('a rule id means the same rule in every pack that uses it', () => {
    const seen = new Map<string, { pack: string; shape: string }>();
    for (const id of PACK_IDS) {
      for (const rule of parsePack(builtins.lookup(id)!).rules ?? []) {
        const { examples: _examples, message: _message, ...shape } = rule;
        const text = JSON.stringify(shape);
        const first = seen.get(rule.id);
        if (first) expect(text, `rule ${rule.id} in ${id} differs from ${first.pack}`).toBe(first.shape);
        else seen.set(rule.id, { pack: id, shape: text });
      }
    }
    expect(seen.size).toBeGreaterThan(5);
  });

  test.for(PACK_IDS)('%s keeps every upstream pattern in the same list', (id) => {
    const ours = builtins.resolve(id).document;
    const theirs = upstreamCatalog.resolve(id).document;
    for (const [section, key] of UPSTREAM_LISTS) {
      const upstreamPatterns = listOf(theirs, section, key);
      const ourPatterns = new Set(listOf(ours, section, key));
      const dropped = upstreamPatterns.filter((pattern) => !ourPatterns.has(pattern));
      // Only over-broad allows may go (§10.2); a block or approval pattern never does.
      if (section === 'commands' && key === 'allow') expect(dropped.every((pattern) => NARROWED_ALLOWS.has(pattern)), `${id} dropped ${dropped.join(', ')}`).toBe(true);
      else expect(dropped, `${id} ${section}.${key}`).toEqual([]);
    }
    expect(ours.mcp?.block_unknown_servers ?? true).toBe(theirs.mcp?.block_unknown_servers ?? true);
  });
});

const UPSTREAM_LISTS = [
  ['filesystem', 'block_read'],
  ['filesystem', 'block_write'],
  ['filesystem', 'require_approval_write'],
  ['commands', 'block'],
  ['commands', 'allow'],
  ['commands', 'require_approval'],
  ['mcp', 'allowed_servers'],
  ['mcp', 'blocked_servers'],
] as const;
const NARROWED_ALLOWS = new Set(['git*', 'grep*', 'cat*', 'ruff*']);

// ---------------------------------------------------------------------------------------------
// Strictness against upstream over generated requests.

const PATH_PREFIXES = ['', 'a/', 'deep/er/', '/repo/'];
const PATH_FILLS = ['x', 'sub/dir/file.txt', ''];
const COMMAND_FILLS = ['', ' -auto-approve', ' origin feature', ' --context prod', ' x', ' https://example.invalid/i.sh | sh'];

/** Concrete paths a CAVRA path glob matches: `**\/` becomes zero or more directories, `*` a few fillers. */
function concretePaths(pattern: string): string[] {
  const out = new Set<string>();
  for (const prefix of PATH_PREFIXES) {
    for (const fill of PATH_FILLS) {
      const withPrefix = pattern.replace(/(^|\/)\*\*\//g, (_match, lead: string) => `${lead}${lead === '' ? prefix : prefix.replace(/^\//, '')}`);
      const path = withPrefix.replace(/\*+/g, fill);
      if (path !== '' && !path.endsWith('/')) out.add(path);
    }
  }
  return [...out];
}

/** Concrete command lines a command glob matches. */
function concreteCommands(pattern: string): string[] {
  return [...new Set(COMMAND_FILLS.map((fill) => pattern.replace(/\*+/g, fill).trim()).filter((line) => line !== ''))];
}

// Lines from §10 that must not get through, plus look-alikes.
const EXTRA_COMMANDS = [
  'terraform plan && terraform apply -auto-approve',
  'cat .env',
  'cat prod.tfvars',
  'grep -r password .',
  'git push --force origin main',
  'git push origin main',
  'git push -f origin main',
  'gitleaks detect',
  'kubectl get secrets -n prod -o yaml',
  'terraform destroy -auto-approve',
  'tofu destroy',
  'gh pr merge 12 --admin',
  'gh api repos/acme/app --method PATCH -f visibility=public',
  'rm -rf .git',
  'make build',
];
const EXTRA_PATHS = ['.env', './.env', 'config/.env', '.env.local', 'docs/../.env', '/repo/.env', '.ENV', 'KEY.PEM', 'secrets.yaml', 'key.pem', 'id_rsa', 'kubeconfig', 'terraform.tfstate', '.github/actions/x/action.yml', 'infra/iam/role.tf', 'x/../iam/role.tf', 'src/app.py', 'README.md'];

interface GeneratedRequests {
  files: string[];
  commands: string[];
  servers: string[];
}

function generateFromUpstream(): GeneratedRequests {
  const files = new Set(EXTRA_PATHS);
  const commands = new Set(EXTRA_COMMANDS);
  const servers = new Set(['unknown-x', 'github', 'filesystem', 'github-mcp', 'filesystem-lab', 'personal-drive-mcp']);
  for (const id of PACK_IDS) {
    const document = upstreamCatalog.resolve(id).document;
    for (const key of ['block_read', 'block_write', 'require_approval_write'] as const) {
      for (const pattern of document.filesystem?.[key] ?? []) for (const path of concretePaths(pattern)) files.add(path);
    }
    for (const key of ['block', 'allow', 'require_approval'] as const) {
      for (const pattern of document.commands?.[key] ?? []) for (const line of concreteCommands(pattern)) commands.add(line);
    }
    for (const server of [...(document.mcp?.allowed_servers ?? []), ...(document.mcp?.blocked_servers ?? [])]) servers.add(server);
  }
  return { files: [...files], commands: [...commands], servers: [...servers] };
}

function requestsFor(generated: GeneratedRequests): ActionRequest[] {
  const requests: ActionRequest[] = [];
  for (const target of generated.files) {
    requests.push({ action_type: 'read_file', target }, { action_type: 'write_file', target });
  }
  for (const target of generated.commands) requests.push({ action_type: 'execute_command', target });
  for (const server of generated.servers) {
    for (const tool of ['read_file', 'create_pull_request']) requests.push({ action_type: 'mcp_tool_call', server, tool, capability: 'repository' });
  }
  for (const target of ['origin/main', 'origin/master', 'main', 'feature/x', 'origin/domain', 'HEAD:main']) {
    for (const operation of ['push', 'fetch', 'force-push']) requests.push({ action_type: 'git_operation', operation, target });
  }
  return requests;
}

interface Comparison {
  request: ActionRequest;
  upstream: DecisionRecord;
  ours: DecisionRecord;
}

function compare(pair: { upstream: DecisionPolicy; ours: DecisionPolicy }, requests: readonly ActionRequest[]): Comparison[] {
  return requests.map((request) => ({ request, upstream: evaluate(pair.upstream, request, CONTEXT), ours: evaluate(pair.ours, request, CONTEXT) }));
}

function describeRequest(request: ActionRequest): string {
  const what = request.action_type === 'mcp_tool_call' ? `${request.server}:${request.tool}` : `${request.operation ?? ''} ${request.target}`.trim();
  return `${request.policy_pack} ${request.action_type} \`${what}\``;
}

/** Requests where `ours` is more permissive than `reference`. */
function loosenings(comparisons: readonly Comparison[]): string[] {
  return comparisons
    .filter(({ upstream, ours }) => isStricter(upstream.decision, ours.decision))
    .map(({ request, upstream, ours }) => `${describeRequest(request)}: upstream ${upstream.decision} (${upstream.rule_id}), ours ${ours.decision} (${ours.rule_id})`);
}

/** Requests where both decide alike but report a different rule id, severity or approver group. */
function relabellings(comparisons: readonly Comparison[]): string[] {
  return comparisons
    .filter(({ upstream, ours }) => upstream.decision === ours.decision)
    .filter(({ upstream, ours }) => upstream.rule_id !== ours.rule_id || upstream.severity !== ours.severity || upstream.approver_group !== ours.approver_group)
    .map(({ request, upstream, ours }) => `${describeRequest(request)}: upstream ${upstream.rule_id}/${upstream.severity}/${upstream.approver_group}, ours ${ours.rule_id}/${ours.severity}/${ours.approver_group}`);
}

function upstreamCaseRequests(): Array<{ request: ActionRequest; registry: boolean }> {
  const parity = JSON.parse(readFileSync(join(UPSTREAM, 'parity_cases.json'), 'utf8')) as Array<{ request: ActionRequest; registry?: string }>;
  const golden = JSON.parse(readFileSync(join(UPSTREAM, 'golden_decisions_community_ga_control_hardening.json'), 'utf8')) as Array<Record<string, string>>;
  return [
    ...parity.map((item) => ({ request: item.request, registry: item.registry !== undefined })),
    ...golden.map((row) => {
      const request: ActionRequest = { action_type: row.action_type, target: row.target, requested_operation: row.requested_operation, policy_pack: row.policy_pack };
      if (row.action_type === 'mcp_tool_call') {
        const [server, tool] = String(row.target).split(':');
        Object.assign(request, { server, tool, capability: row.requested_operation });
      }
      return { request, registry: false };
    }),
  ];
}

describe('never more permissive than upstream', () => {
  const generated = generateFromUpstream();
  const base = requestsFor(generated);
  const everyPack = (requests: readonly ActionRequest[]) => PACK_IDS.flatMap((policy_pack) => requests.map((request) => ({ ...request, policy_pack })));
  const policyComparisons = compare(policyMode, everyPack(base));
  const mcpRequests = base.filter((request) => request.action_type === 'mcp_tool_call');
  const registryComparisons = compare(registryMode, everyPack(mcpRequests));
  const cases = upstreamCaseRequests();
  const caseComparisons = [
    ...compare(policyMode, cases.filter((item) => !item.registry).map((item) => item.request)),
    ...compare(registryMode, cases.filter((item) => item.registry).map((item) => item.request)),
  ];

  test('the generated request set is large and reaches every kind of upstream outcome', () => {
    expect(generated.files.length).toBeGreaterThan(150);
    expect(generated.commands.length).toBeGreaterThan(100);
    expect(policyComparisons.length).toBeGreaterThan(10_000);
    const upstreamDecisions = new Set(policyComparisons.map(({ upstream }) => upstream.rule_id));
    for (const ruleId of ['filesystem.read.block', 'filesystem.write.block', 'filesystem.write.require_approval', 'commands.block', 'commands.allow', 'commands.default.require_approval', 'git.protected_branch.block_direct_push', 'mcp.server.trust.block_unknown', 'mcp.server.trust.allow']) {
      expect(upstreamDecisions, ruleId).toContain(ruleId);
    }
    expect(caseComparisons.length).toBe(28);
  });

  test('generated requests, policy mode', () => {
    expect(loosenings(policyComparisons)).toEqual([]);
  });

  test('generated MCP requests, registry mode', () => {
    expect(loosenings(registryComparisons)).toEqual([]);
  });

  test("upstream's parity and golden cases", () => {
    expect(loosenings(caseComparisons)).toEqual([]);
  });

  test('where the decision is the same, so are the rule id, severity and approver group', () => {
    expect(relabellings([...policyComparisons, ...registryComparisons, ...caseComparisons])).toEqual([]);
  });

  test('the comparison can fail: upstream is looser than ours on the §10 requests', () => {
    const reversed = compare({ upstream: policyMode.ours, ours: policyMode.upstream }, everyPack(base));
    const found = loosenings(reversed);
    expect(found.length).toBeGreaterThan(100);
    expect(found.some((line) => line.startsWith('cavra-ai-agent-baseline read_file `config/.env`'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// The weaknesses of cavra-reference §10, fixed.

function decide(request: ActionRequest): DecisionRecord {
  return evaluate(policyMode.ours, request, CONTEXT);
}

const WORKFLOW_BLOCKERS = ['cavra-ai-agent-baseline', 'ai-agent-baseline', 'cavra-agentic-delivery', 'cavra-terraform-prod', 'terraform-ai-guardrails'];
const WORKFLOW_APPROVERS = ['cavra-github-enterprise', 'cavra-nist-ssdf', 'cavra-pci-dss', 'cavra-sox-change-control'];
const IAM_GUARDS = ['cavra-ai-agent-baseline', 'ai-agent-baseline', 'cavra-agentic-delivery', 'cavra-banking-baseline', 'banking-regulated-ai', 'cavra-cloud-iam', 'cavra-mcp-enterprise', 'mcp-server-governance', 'cavra-iso27001', 'cavra-nist-ssdf'];

describe('§10 fixes', () => {
  const readsBlockedEverywhere = ['secrets.yaml', 'config/.env', '.env.local', 'docs/../.env', '/repo/.env', '.ENV', 'Config/Secrets.YAML', 'id_rsa', 'key.pem'];
  test.for(PACK_IDS.flatMap((pack) => readsBlockedEverywhere.map((target) => [pack, target] as const)))('%s blocks reading %s', ([pack, target]) => {
    expect(decide({ action_type: 'read_file', target, policy_pack: pack }).decision).toBe('block');
  });

  test.for(WORKFLOW_BLOCKERS)('%s blocks composite action writes like workflow writes', (pack) => {
    for (const target of ['.github/actions/x/action.yml', '.github/workflows/ci.yml', '/repo/.github/actions/x/action.yml']) {
      expect(decide({ action_type: 'write_file', target, policy_pack: pack }).decision, target).toBe('block');
    }
  });

  test.for(WORKFLOW_APPROVERS)('%s sends composite action writes for approval like workflow writes', (pack) => {
    for (const target of ['.github/actions/x/action.yml', '.github/workflows/ci.yml']) {
      const decision = decide({ action_type: 'write_file', target, policy_pack: pack });
      expect(decision.decision, target).toBe('require_approval');
      expect(decision.approver_group).toBe('Platform Security');
    }
  });

  test.for(IAM_GUARDS)('%s guards iam code below the root', (pack) => {
    for (const target of ['infra/iam/role.tf', 'x/../iam/role.tf', 'iam/admin-role.tf']) {
      const decision = decide({ action_type: 'write_file', target, policy_pack: pack }).decision;
      expect(['block', 'require_approval'], `${target}: ${decision}`).toContain(decision);
    }
  });

  test.for(['cavra-terraform-prod', 'terraform-ai-guardrails', 'cavra-mcp-enterprise', 'mcp-server-governance', 'cavra-agentic-delivery'])('%s has no over-broad allow', (pack) => {
    for (const target of ['cat .env', 'cat prod.tfvars', 'grep -r password .', 'git push origin main', 'git push --force origin main', 'gitleaks detect', 'ruffian']) {
      expect(decide({ action_type: 'execute_command', target, policy_pack: pack }).decision, target).not.toBe('allow');
    }
    for (const target of ['git status', 'git diff --stat']) {
      expect(decide({ action_type: 'execute_command', target, policy_pack: pack }).decision, target).toBe('allow');
    }
  });

  // §10.10: what upstream guards at the root, we guard below it and at an absolute path too.
  test.for(PACK_IDS)('%s guards root-anchored upstream paths anywhere', (id) => {
    const upstreamDocument = upstreamCatalog.resolve(id).document;
    const found: string[] = [];
    for (const [key, action_type] of [['block_read', 'read_file'], ['block_write', 'write_file'], ['require_approval_write', 'write_file']] as const) {
      for (const pattern of upstreamDocument.filesystem?.[key] ?? []) {
        if (pattern.startsWith('**/')) continue;
        for (const path of concretePaths(pattern)) {
          const upstream = evaluate(policyMode.upstream, { action_type, target: path, policy_pack: id }, CONTEXT);
          for (const prefix of ['nested/dir/', '/repo/']) {
            const ours = evaluate(policyMode.ours, { action_type, target: prefix + path, policy_pack: id }, CONTEXT);
            if (isStricter(upstream.decision, ours.decision)) found.push(`${action_type} ${prefix}${path}: upstream at the root ${upstream.decision}, ours ${ours.decision}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });

  test('no built-in pack keeps an over-broad allow', () => {
    for (const id of PACK_IDS) {
      const allows = builtins.resolve(id).document.commands?.allow ?? [];
      expect(allows.filter((pattern) => NARROWED_ALLOWS.has(pattern)), id).toEqual([]);
    }
  });
});

function readdirIds(): string[] {
  const catalog = new PackCatalog({ policyDirs: [UPSTREAM_POLICIES] });
  return catalog.list().filter((id) => !catalog.lookup(id)?.file.startsWith('builtin:')).sort();
}

function listOf(document: PackDocument, section: 'filesystem' | 'commands' | 'mcp', key: string): string[] {
  const value = (document[section] as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(value) ? value.map(String) : [];
}

function toList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}
