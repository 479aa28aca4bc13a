// A registry entry pins an MCP server by the digest of its command and arguments, or by its
// normalised URL; where the agent reports the server's identity (Gemini), a mismatch blocks.
import { expect, test } from 'vitest';
import { evaluate } from '../../src/decision/evaluate.ts';
import { MCP_PIN_RULE_ID } from '../../src/decision/mcp.ts';
import { PackCatalog } from '../../src/catalog/pack-catalog.ts';
import { parseRegistry } from '../../src/policy/registry.ts';
import { mcpCommandDigest, mcpIdentityFields } from '../../src/session/mcp-identity.ts';

const GITHUB = ['npx', ['-y', '@modelcontextprotocol/server-github@2025.4.8']] as const;
const registry = parseRegistry(
  {
    mcp_servers: [
      { server_id: 'github', trust_tier: 'trusted', pin: { command_digest: mcpCommandDigest(GITHUB[0], GITHUB[1]) } },
      { server_id: 'docs', trust_tier: 'trusted', pin: { url: 'https://mcp.example.com/docs' } },
      { server_id: 'loose', trust_tier: 'trusted' },
    ],
  },
  'registry.json',
);
const policy = { packs: new Map([['cavra-ci-baseline', new PackCatalog().compile('cavra-ci-baseline')]]), defaultPackId: 'cavra-ci-baseline', registry };
const context = { now: () => new Date(0), randomHex: (n: number) => '0'.repeat(2 * n) };
const decide = (server: string, identity?: { command?: string; args?: readonly string[]; url?: string }) =>
  evaluate(policy, { action_type: 'mcp_tool_call', server, tool: 'get_issue', ...(identity ? mcpIdentityFields(identity) : {}) }, context);

test('the pinned command and arguments pass', () => {
  expect(decide('github', { command: GITHUB[0], args: GITHUB[1] }).decision).toBe('allow');
});

test('another version, another argument or another command is blocked by its own rule', () => {
  for (const identity of [
    { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@2025.4.9'] },
    { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@2025.4.8', '--extra'] },
    { command: 'node', args: ['evil.js'] },
    // Splitting the same words differently is a different argv.
    { command: 'npx -y', args: ['@modelcontextprotocol/server-github@2025.4.8'] },
    { url: 'https://evil.example.com/mcp' },
  ]) {
    const record = decide('github', identity);
    expect([record.decision, record.rule_id], JSON.stringify(identity)).toEqual(['block', MCP_PIN_RULE_ID]);
  }
});

test('URLs compare normalised: case of host, trailing slash, query and fragment do not matter; the path does', () => {
  expect(decide('docs', { url: 'https://MCP.Example.com/docs/?x=1#f' }).decision).toBe('allow');
  expect(decide('docs', { url: 'https://mcp.example.com:443/docs' }).decision).toBe('allow');
  expect(decide('docs', { url: 'https://mcp.example.com/docs-evil' }).rule_id).toBe(MCP_PIN_RULE_ID);
  expect(decide('docs', { url: 'http://mcp.example.com/docs' }).rule_id).toBe(MCP_PIN_RULE_ID);
  expect(decide('docs', { url: 'https://mcp.example.com.evil.io/docs' }).rule_id).toBe(MCP_PIN_RULE_ID);
});

test('without a reported identity (Claude Code, Codex) or without a pin, the registry decides as before', () => {
  expect(decide('github').decision).toBe('allow');
  expect(decide('loose', { command: 'anything' }).decision).toBe('allow');
});

test('a malformed pin is a registry error', () => {
  expect(() => parseRegistry({ mcp_servers: [{ server_id: 'x', pin: { command_digest: 'md5:00' } }] }, 'r.json')).toThrow(/pin\.command_digest/);
  expect(() => parseRegistry({ mcp_servers: [{ server_id: 'x', pin: {} }] }, 'r.json')).toThrow(/`command_digest` or `url`/);
});
