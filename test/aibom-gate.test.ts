// Issue 15 acceptance: a gate run over the demo scenario yields an AI-BOM naming the demo's agents,
// its MCP server and the pack digest; sealed as a subject, so changing one byte fails `cavra verify`.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import {
  AIBOM_FILE,
  EVIDENCE_FILES,
  KeyBundleSigner,
  mcpCommandDigest,
  compilePolicy,
  describeRunningTool,
  loadCommandAnalyzer,
  openPolicy,
  pinnedKey,
  runGate,
  selectPackId,
  systemDecisionContext,
  verifyEvidence,
  readRegistryDetails,
  type ActionRequest,
} from '@cavra/core';
import { cycloneDxErrors } from './support/cyclonedx.ts';
import { REPO_ROOT } from './support/paths.ts';
import { cavra } from './support/sealed-evidence.ts';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signer = new KeyBundleSigner(privateKey);
const trust = { trustedKeys: [pinnedKey(publicKey)] };
const MCP_COMMAND = ['npx', '-y', 'unknown-mcp-provider', '--api-key', 'sk-NOT-IN-THE-BOM'];

interface Bom {
  components: { type: string; name: string; 'bom-ref': string; hashes?: { alg: string; content: string }[]; properties?: { name: string; value: string }[] }[];
  services: { name: string; properties: { name: string; value: string }[] }[];
  metadata: { tools: { components: { name: string; version: string }[] } };
}

let dir: string;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cavra-aibom-gate-'));
  dir = join(work, 'run');
  const requests = readFileSync(join(REPO_ROOT, 'fixtures', 'demo', 'requests.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ActionRequest);
  const registryFile = join(work, 'registry.json');
  writeFileSync(registryFile, JSON.stringify({ agents: [{ agent_id: 'codex', vendor: 'OpenAI', version: '0.5.0' }], mcp_servers: [{ server_id: 'unknown-mcp-provider', trust_tier: 'unknown', command: MCP_COMMAND[0], args: MCP_COMMAND.slice(1) }] }));
  const open = openPolicy({ packs: [] });
  const policy = compilePolicy(open, new Set(requests.map((request) => selectPackId(request, open.defaultPackId))));
  await loadCommandAnalyzer();
  const context = systemDecisionContext();
  await runGate({
    policy,
    requests,
    mode: 'shadow',
    evidenceDir: dir,
    signer,
    trust,
    context,
    aiBom: {
      tool: describeRunningTool(join(REPO_ROOT, 'dist', 'cli', 'cavra.mjs')),
      registry: readRegistryDetails(registryFile),
      agents: [{ name: 'claude-code', version: '2.1.3', kind: 'session' }],
    },
  });
});

test("the demo's AI-BOM is valid CycloneDX 1.6 and names its agents, MCP server, pack digest and this tool", async () => {
  const text = readFileSync(join(dir, AIBOM_FILE), 'utf8');
  expect(await cycloneDxErrors(text)).toBeNull();
  const bom = JSON.parse(text) as Bom;
  const agents = bom.components.filter((component) => component['bom-ref'].startsWith('agent:'));
  expect(agents.map((agent) => agent.name)).toEqual(['claude-code', 'codex', 'copilot', 'gemini-cli', 'release-agent']);
  expect(agents.find((agent) => agent.name === 'codex')).toMatchObject({ version: '0.5.0', publisher: 'OpenAI' });
  expect(agents.find((agent) => agent.name === 'claude-code')).toMatchObject({ version: '2.1.3' });

  expect(bom.services.map((service) => service.name)).toEqual(['unknown-mcp-provider']);
  expect(bom.services[0]!.properties).toContainEqual({ name: 'cavra:mcp:command-digest', value: mcpCommandDigest(MCP_COMMAND[0]!, MCP_COMMAND.slice(1)) });
  expect(text).not.toContain('sk-NOT-IN-THE-BOM');

  const digests = new Set(readFileSync(join(dir, EVIDENCE_FILES.log), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { record: { pack_digest?: string } }).record.pack_digest));
  expect(digests.size).toBe(1);
  const [digest] = [...digests];
  const packs = bom.components.filter((component) => component['bom-ref'].startsWith('pack:'));
  expect(packs.flatMap((pack) => pack.properties ?? [])).toContainEqual({ name: 'cavra:pack:digest', value: digest });
  expect(packs.flatMap((pack) => pack.hashes ?? []).map((hash) => `sha256:${hash.content}`)).toContain(digest);
  expect(bom.components.find((component) => component['bom-ref'] === 'registry')).toMatchObject({ type: 'file', name: 'registry.json' });
  expect(bom.metadata.tools.components[0]).toMatchObject({ name: 'cavra', version: '0.1.0' });
});

test('the AI-BOM is a signed subject: the sealed directory verifies, and one changed byte fails it', async () => {
  expect((await verifyEvidence(dir, trust)).valid).toBe(true);
  const file = join(dir, AIBOM_FILE);
  const original = readFileSync(file);
  try {
    const changed = Buffer.from(original);
    changed[changed.indexOf('claude-code')] = 'C'.charCodeAt(0);
    writeFileSync(file, changed);
    const report = await verifyEvidence(dir, trust);
    expect(report.valid).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'ERR_EVIDENCE_DIGEST_MISMATCH', message: expect.stringContaining(AIBOM_FILE) }));
    // Through the CLI as an auditor runs it.
    const keyFile = join(work, 'signing.pub.pem');
    writeFileSync(keyFile, publicKey.export({ type: 'spki', format: 'pem' }));
    expect(cavra(['verify', dir, '--trusted-key', keyFile]).code).toBe(1);
    // Deleting it fails too: a subject must be there.
    rmSync(file);
    expect((await verifyEvidence(dir, trust)).problems).toContainEqual(expect.objectContaining({ code: 'ERR_EVIDENCE_DIGEST_MISMATCH', message: expect.stringContaining('missing') }));
  } finally {
    writeFileSync(file, original);
  }
  expect((await verifyEvidence(dir, trust)).valid).toBe(true);
}, 120_000);

test('`cavra aibom DIR` prints the sealed AI-BOM as it is, and rebuilds one from the log with --rebuild', async () => {
  const printed = cavra(['aibom', dir]);
  expect(printed.code).toBe(0);
  expect(printed.stdout).toBe(readFileSync(join(dir, AIBOM_FILE), 'utf8'));

  const rebuilt = cavra(['aibom', dir, '--rebuild']);
  expect(rebuilt.code).toBe(0);
  expect(await cycloneDxErrors(rebuilt.stdout)).toBeNull();
  const bom = JSON.parse(rebuilt.stdout) as Bom & { metadata: { properties: { name: string; value: string }[] } };
  expect(bom.metadata.properties).toContainEqual({ name: 'cavra:aibom:source', value: 'evidence-log' });
  expect(bom.components.filter((component) => component['bom-ref'].startsWith('agent:')).map((agent) => agent.name)).toEqual(['claude-code', 'codex', 'copilot', 'gemini-cli', 'release-agent']);
  expect(bom.services.map((service) => service.name)).toEqual(['unknown-mcp-provider']);
  expect(bom.components.some((component) => component['bom-ref'].startsWith('pack:'))).toBe(true);

  expect(cavra(['aibom']).code).toBe(2);
  expect(cavra(['aibom', join(work, 'nowhere')]).code).toBe(2);
}, 180_000);
