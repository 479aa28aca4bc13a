// buildAiBom: CycloneDX 1.6 (checked with the library's validator), deterministic, and careful
// with what agents and registries put in it.
import { expect, test } from 'vitest';
import { buildAiBom, mcpCommandDigest, type AiBomInput, type DecisionRecord } from '@cavra/core';
import { cycloneDxErrors } from '../../../../test/support/cyclonedx.ts';

function decision(fields: Partial<DecisionRecord>): DecisionRecord {
  return { agent_id: 'claude-code', actor: 'claude-code', action_type: 'read_file', target: 'src/a.ts', decision: 'allow', policy_pack: 'cavra-ci-baseline', ...fields } as DecisionRecord;
}

const PACK_DIGEST = `sha256:${'b'.repeat(64)}`;

function input(overrides: Partial<AiBomInput> = {}): AiBomInput {
  return {
    generatedAt: new Date('2026-05-18T12:00:00Z'),
    tool: { name: 'cavra', version: '0.1.0', bundle: { file: 'dist/cli/cavra.mjs', sha256: 'a'.repeat(64) }, sha256sums: 'c'.repeat(64) },
    decisions: [decision({}), decision({ agent_id: 'codex', action_type: 'mcp_tool_call', target: 'github', decision: 'block' })],
    requests: [{ action_type: 'read_file' }, { action_type: 'mcp_tool_call', server: 'github', tool: 'create_issue' }],
    agents: [{ name: 'claude-code', version: '2.1.3', kind: 'session', vendor: 'Anthropic' }],
    models: [{ name: 'claude-opus-4', provider: 'Anthropic', agent: 'claude-code' }],
    mcpServers: [{ name: 'github', serverId: 'github', command: ['npx', '-y', '@modelcontextprotocol/server-github', '--token', 'ghp_SECRETSECRET'], trustTier: 'approved' }],
    packs: [{ id: 'cavra-ci-baseline', version: '0.1.0', digest: PACK_DIGEST }],
    registry: { file: 'registry.json', sha256: 'd'.repeat(64) },
    source: 'gate-run',
    ...overrides,
  };
}

interface Bom {
  serialNumber: string;
  metadata: { tools: { components: { name: string; version: string; hashes: { alg: string; content: string }[]; properties: { name: string; value: string }[] }[] } };
  components: { type: string; name: string; version?: string; 'bom-ref': string; hashes?: { content: string }[]; properties?: { name: string; value: string }[] }[];
  services: { name: string; properties: { name: string; value: string }[]; externalReferences?: { url: string }[] }[];
  dependencies: { ref: string; dependsOn?: string[] }[];
}

test('a full input gives valid CycloneDX 1.6 naming agents, models, MCP servers, packs, registry and this tool', async () => {
  const text = await buildAiBom(input());
  expect(await cycloneDxErrors(text)).toBeNull();
  const bom = JSON.parse(text) as Bom;
  expect(bom.metadata.tools.components[0]).toMatchObject({ name: 'cavra', version: '0.1.0', hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }] });
  const byRef = new Map(bom.components.map((component) => [component['bom-ref'], component]));
  expect(byRef.get('agent:claude-code')).toMatchObject({ type: 'application', version: '2.1.3' });
  expect(byRef.get('agent:codex')).toMatchObject({ type: 'application' });
  expect(byRef.get('model:claude-opus-4')).toMatchObject({ type: 'machine-learning-model' });
  expect(byRef.get('pack:cavra-ci-baseline')).toMatchObject({ type: 'data', hashes: [{ content: 'b'.repeat(64) }] });
  expect(byRef.get('registry')).toMatchObject({ type: 'file', name: 'registry.json', hashes: [{ content: 'd'.repeat(64) }] });
  const github = bom.services.find((service) => service.name === 'github')!;
  expect(github.properties).toContainEqual({ name: 'cavra:mcp:command-digest', value: mcpCommandDigest('npx', ['-y', '@modelcontextprotocol/server-github', '--token', 'ghp_SECRETSECRET']) });
  expect(github.properties).toContainEqual({ name: 'cavra:mcp:calls', value: '1' });
  expect(bom.dependencies).toContainEqual({ ref: 'agent:claude-code', dependsOn: ['model:claude-opus-4'] });
  expect(bom.dependencies).toContainEqual({ ref: 'agent:codex', dependsOn: ['mcp:github'] });
});

test('the same input gives the same bytes, and another input another serial number', async () => {
  expect(await buildAiBom(input())).toBe(await buildAiBom(input()));
  const other = JSON.parse(await buildAiBom(input({ packs: [{ id: 'cavra-ci-baseline', digest: `sha256:${'e'.repeat(64)}` }] }))) as Bom;
  expect(other.serialNumber).not.toBe((JSON.parse(await buildAiBom(input())) as Bom).serialNumber);
});

test('command lines are kept only as digests, and URLs lose credentials, query and fragment', async () => {
  const text = await buildAiBom(input({ mcpServers: [{ name: 'github', command: ['server', '--token', 'ghp_SECRETSECRET'] }, { name: 'remote', url: 'https://user:hunter2@mcp.example.com/sse?api_key=SECRETKEY#frag' }] }));
  expect(await cycloneDxErrors(text)).toBeNull();
  expect(text).not.toContain('ghp_SECRETSECRET');
  expect(text).not.toContain('hunter2');
  expect(text).not.toContain('SECRETKEY');
  expect(text).toContain('https://mcp.example.com/sse');
  // A URL that is no http(s) endpoint is dropped rather than recorded.
  expect(await buildAiBom(input({ mcpServers: [{ name: 'local', url: 'file:///etc/passwd' }] }))).not.toContain('/etc/passwd');
});

test('agent names from sessions stay data: control characters are cut, quotes and braces stay inside the string', async () => {
  const hostile = 'evil"},{"type":"application","name":"injected\u0000\u001b[31m';
  const text = await buildAiBom(input({ decisions: [decision({ agent_id: hostile })], requests: [{}], agents: [], models: [], mcpServers: [] }));
  expect(await cycloneDxErrors(text)).toBeNull();
  const bom = JSON.parse(text) as Bom;
  const agents = bom.components.filter((component) => component['bom-ref'].startsWith('agent:'));
  expect(agents.map((agent) => agent.name)).toEqual(['evil"},{"type":"application","name":"injected[31m']);
  expect(text).not.toContain('\\u0000');
});

test('a pack seen at two digests is listed twice; an actor stands in only for a missing agent id', async () => {
  const text = await buildAiBom(
    input({
      decisions: [decision({ agent_id: '', actor: 'ci-bot' }), decision({ agent_id: 'codex', actor: 'alice' })],
      requests: [{}, {}],
      agents: [],
      packs: [{ id: 'p', digest: `sha256:${'1'.repeat(64)}` }, { id: 'p', digest: `sha256:${'2'.repeat(64)}` }],
    }),
  );
  expect(await cycloneDxErrors(text)).toBeNull();
  const bom = JSON.parse(text) as Bom;
  expect(bom.components.filter((component) => component.name === 'p').map((component) => component.hashes?.[0]?.content)).toEqual(['1'.repeat(64), '2'.repeat(64)]);
  const agents = bom.components.filter((component) => component['bom-ref'].startsWith('agent:')).map((component) => component.name);
  expect(agents).toEqual(['ci-bot', 'codex']);
});

test('the schema check is not vacuous: a damaged AI-BOM fails it', async () => {
  const bom = JSON.parse(await buildAiBom(input())) as Record<string, unknown>;
  expect(await cycloneDxErrors(JSON.stringify({ ...bom, specVersion: '1.6', components: [{ type: 'agent', name: 'x' }] }))).not.toBeNull();
});

test('the identity a call named (hooks record it) is kept beside the registry pin, so a broken pin shows', async () => {
  const pinned = mcpCommandDigest('npx', ['server-github']);
  const called = mcpCommandDigest('npx', ['evil-github']);
  const text = await buildAiBom(
    input({
      decisions: [decision({ action_type: 'mcp_tool_call', target: 'github', decision: 'block' })],
      requests: [{ action_type: 'mcp_tool_call', server: 'github', tool: 'x', mcp_server_digest: called, mcp_server_url: 'https://mcp.example.com/a?token=SECRET' }],
      mcpServers: [{ name: 'github', serverId: 'github', commandDigest: pinned }],
    }),
  );
  expect(await cycloneDxErrors(text)).toBeNull();
  const github = (JSON.parse(text) as Bom).services.find((service) => service.name === 'github')!;
  const digests = github.properties.filter((property) => property.name === 'cavra:mcp:command-digest').map((property) => property.value);
  expect(digests.sort()).toEqual([pinned, called].sort());
  expect(github.properties).toContainEqual({ name: 'cavra:mcp:url', value: 'https://mcp.example.com/a' });
  expect(text).not.toContain('SECRET');
});
