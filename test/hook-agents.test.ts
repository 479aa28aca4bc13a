// Each agent's documented hook events in, that agent's protocol out: a denied tool call must
// really be stopped (the answer the agent reads as "deny"), and every doubt answers deny.
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { mcpCommandDigest } from '../packages/core/src/index.ts';
import { hookFixture, runHook } from './support/hook-run.ts';

let root: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'cavra-hook-repo-')));
  writeFileSync(join(root, '.env'), 'TOKEN=x\n');
});

const json = (text: string) => JSON.parse(text) as Record<string, any>;

describe('claude-code', () => {
  test('a blocked command is denied through permissionDecision, exit 0', async () => {
    const { stdout, exitCode } = await runHook(['claude-code'], hookFixture('claude-code', 'blocked-command', root));
    expect(exitCode).toBe(0);
    expect(json(stdout).hookSpecificOutput).toMatchObject({ hookEventName: 'PreToolUse', permissionDecision: 'deny' });
    expect(json(stdout).hookSpecificOutput.permissionDecisionReason).toMatch(/^commands\.block\.pipe_to_shell: /);
  });
  test('an allowed command says nothing, so Claude Code\'s own permissions still apply', async () => {
    expect(await runHook(['claude-code'], hookFixture('claude-code', 'allowed-command', root))).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });
  test('a protected file read is denied', async () => {
    const { stdout, exitCode } = await runHook(['claude-code'], hookFixture('claude-code', 'protected-read', root));
    expect(exitCode).toBe(0);
    expect(json(stdout).hookSpecificOutput).toMatchObject({ permissionDecision: 'deny' });
    expect(json(stdout).hookSpecificOutput.permissionDecisionReason).toMatch(/`\.env`/);
  });
  test('an MCP call to a server the pack does not trust is denied', async () => {
    const { stdout } = await runHook(['claude-code'], hookFixture('claude-code', 'mcp-call', root));
    expect(json(stdout).hookSpecificOutput.permissionDecisionReason).toMatch(/^mcp\.server\.trust\.block_unknown: .*`github`/);
  });
  test('require_approval becomes "ask"', async () => {
    const { stdout } = await runHook(['claude-code'], hookFixture('claude-code', 'web-fetch', root));
    expect(json(stdout).hookSpecificOutput).toMatchObject({ permissionDecision: 'ask' });
  });
  test('PermissionRequest denies through decision.behavior, because it ignores exit 2', async () => {
    const { stdout, exitCode } = await runHook(['claude-code'], hookFixture('claude-code', 'permission-request', root));
    expect(exitCode).toBe(0);
    expect(json(stdout)).toEqual({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: expect.stringMatching(/pipe_to_shell/) } } });
  });
  test('an unknown tool is denied, not left to a default', async () => {
    const { stdout } = await runHook(['claude-code'], hookFixture('claude-code', 'unknown-tool', root));
    expect(json(stdout).hookSpecificOutput).toMatchObject({ permissionDecision: 'deny', permissionDecisionReason: expect.stringMatching(/^hook\.tool\.unknown: .*TeleportFiles/) });
  });
  test('a malformed event exits 2, which blocks PreToolUse whatever stdout holds', async () => {
    const { stdout, stderr, exitCode } = await runHook(['claude-code'], '{"hook_event_name": "PreToolUse", "tool_name": ');
    expect({ stdout, exitCode }).toEqual({ stdout: '', exitCode: 2 });
    expect(stderr).toMatch(/refused: the hook event is not valid JSON/);
  });
});

describe('codex', () => {
  test('a blocked command exits 2 with the reason on stderr', async () => {
    const { stdout, stderr, exitCode } = await runHook(['codex'], hookFixture('codex', 'blocked-command', root));
    expect({ stdout, exitCode }).toEqual({ stdout: '', exitCode: 2 });
    expect(stderr).toMatch(/pipe_to_shell/);
  });
  test('an allowed command prints nothing and exits 0', async () => {
    expect(await runHook(['codex'], hookFixture('codex', 'allowed-command', root))).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });
  test('a protected file read through the shell is denied', async () => {
    const { stderr, exitCode } = await runHook(['codex'], hookFixture('codex', 'protected-read', root));
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/\.env/);
  });
  test('an MCP call is denied', async () => {
    const { stderr, exitCode } = await runHook(['codex'], hookFixture('codex', 'mcp-call', root));
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/mcp\.server\.trust\.block_unknown/);
  });
  test('a patch is judged by every file it touches', async () => {
    const { stderr, exitCode } = await runHook(['codex'], hookFixture('codex', 'apply-patch', root));
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/\.github\/workflows\/release\.yml/);
  });
  test('a malformed event exits 2', async () => {
    const { stdout, exitCode } = await runHook(['codex'], '[1, 2');
    expect({ stdout, exitCode }).toEqual({ stdout: '', exitCode: 2 });
  });
});

describe('gemini', () => {
  test('a blocked command answers decision "deny"', async () => {
    const { stdout, exitCode } = await runHook(['gemini'], hookFixture('gemini', 'blocked-command', root));
    expect(exitCode).toBe(0);
    expect(json(stdout)).toEqual({ decision: 'deny', reason: expect.stringMatching(/pipe_to_shell/) });
  });
  test('an allowed command answers an empty object', async () => {
    expect(await runHook(['gemini'], hookFixture('gemini', 'allowed-command', root))).toEqual({ stdout: '{}\n', stderr: '', exitCode: 0 });
  });
  test('a protected file read is denied', async () => {
    expect(json((await runHook(['gemini'], hookFixture('gemini', 'protected-read', root))).stdout)).toMatchObject({ decision: 'deny' });
  });
  test('an MCP call, named by mcp_context, is denied under the pack', async () => {
    const { stdout } = await runHook(['gemini'], hookFixture('gemini', 'mcp-call', root));
    expect(json(stdout)).toMatchObject({ decision: 'deny', reason: expect.stringMatching(/`github`/) });
  });
  test('an MCP server pinned in the registry passes with its pinned command and is blocked with another', async () => {
    const digest = mcpCommandDigest('npx', ['-y', '@modelcontextprotocol/server-github@2025.4.8']);
    const registry = join(root, 'registry.json');
    writeFileSync(registry, JSON.stringify({ mcp_servers: [{ server_id: 'github', trust_tier: 'trusted', pin: { command_digest: digest } }] }));
    expect((await runHook(['gemini', '--registry', registry], hookFixture('gemini', 'mcp-call', root))).stdout).toBe('{}\n');
    const swapped = hookFixture('gemini', 'mcp-call', root).replace('server-github@2025.4.8', 'server-github@9.9.9');
    expect(json((await runHook(['gemini', '--registry', registry], swapped)).stdout)).toEqual({ decision: 'deny', reason: expect.stringMatching(/^mcp\.registry\.pin_mismatch: /) });
  });
  test('a malformed event exits 2 with the reason on stderr', async () => {
    const { stdout, stderr, exitCode } = await runHook(['gemini'], '{"hook_event_name":"BeforeTool","tool_name":"x","tool_input":"not an object"}');
    expect({ stdout, exitCode }).toEqual({ stdout: '', exitCode: 2 });
    expect(stderr).toMatch(/tool_input/);
  });
});

describe('cursor', () => {
  test('a blocked shell command answers permission "deny"', async () => {
    const { stdout, exitCode } = await runHook(['cursor'], hookFixture('cursor', 'blocked-command', root));
    expect(exitCode).toBe(0);
    expect(json(stdout)).toEqual({ permission: 'deny', user_message: expect.stringMatching(/pipe_to_shell/), agent_message: expect.any(String) });
  });
  test('an allowed command answers permission "allow" explicitly (failClosed refuses an empty answer)', async () => {
    expect(await runHook(['cursor'], hookFixture('cursor', 'allowed-command', root))).toEqual({ stdout: '{"permission":"allow"}\n', stderr: '', exitCode: 0 });
  });
  test('beforeReadFile of a protected file is denied', async () => {
    expect(json((await runHook(['cursor'], hookFixture('cursor', 'protected-read', root))).stdout)).toMatchObject({ permission: 'deny' });
  });
  test('beforeMCPExecution with tool_input as a JSON string is decided', async () => {
    expect(json((await runHook(['cursor'], hookFixture('cursor', 'mcp-call', root))).stdout)).toMatchObject({ permission: 'deny', user_message: expect.stringMatching(/mcp/) });
  });
  test('preToolUse Write inside the workspace is allowed', async () => {
    expect(json((await runHook(['cursor'], hookFixture('cursor', 'pre-tool-use', root))).stdout)).toEqual({ permission: 'allow' });
  });
  test('a malformed event answers a JSON deny', async () => {
    const { stdout, exitCode } = await runHook(['cursor'], 'not json');
    expect(exitCode).toBe(0);
    expect(json(stdout)).toMatchObject({ permission: 'deny', user_message: expect.stringMatching(/not valid JSON/) });
  });
});

describe('copilot', () => {
  test('a blocked command answers permissionDecision "deny" (exit codes never block Copilot)', async () => {
    const { stdout, exitCode } = await runHook(['copilot'], hookFixture('copilot', 'blocked-command', root));
    expect(exitCode).toBe(0);
    expect(json(stdout)).toEqual({ permissionDecision: 'deny', permissionDecisionReason: expect.stringMatching(/pipe_to_shell/) });
  });
  test('an allowed command prints nothing', async () => {
    expect(await runHook(['copilot'], hookFixture('copilot', 'allowed-command', root))).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });
  test('a protected file view is denied', async () => {
    expect(json((await runHook(['copilot'], hookFixture('copilot', 'protected-read', root))).stdout)).toMatchObject({ permissionDecision: 'deny' });
  });
  test('an MCP call is denied', async () => {
    expect(json((await runHook(['copilot'], hookFixture('copilot', 'mcp-call', root))).stdout)).toMatchObject({ permissionDecision: 'deny' });
  });
  test('the snake_case form of a PascalCase entry is read too', async () => {
    expect(json((await runHook(['copilot'], hookFixture('copilot', 'snake-case', root))).stdout)).toMatchObject({ permissionDecision: 'deny', permissionDecisionReason: expect.stringMatching(/\.github\/workflows\/ci\.yml/) });
  });
  test('a malformed event answers a JSON deny', async () => {
    const { stdout, exitCode } = await runHook(['copilot'], '{"toolName": 7}');
    expect(exitCode).toBe(0);
    expect(json(stdout)).toMatchObject({ permissionDecision: 'deny', permissionDecisionReason: expect.stringMatching(/toolName/) });
  });
});

describe('fail closed', () => {
  test('an empty stdin is denied', async () => {
    const { stdout } = await runHook(['cursor'], '');
    expect(json(stdout)).toMatchObject({ permission: 'deny', user_message: expect.stringMatching(/no event/) });
  });
  test('a missing pack is denied, not allowed', async () => {
    const { stdout } = await runHook(['copilot', '--pack', 'no-such-pack'], hookFixture('copilot', 'allowed-command', root));
    expect(json(stdout)).toMatchObject({ permissionDecision: 'deny', permissionDecisionReason: expect.stringMatching(/no-such-pack/) });
  });
  test('a crash inside the decision (a pack file that cannot be read) is denied', async () => {
    const { stdout } = await runHook(['cursor', '--pack', join(root, 'missing.yaml')], hookFixture('cursor', 'allowed-command', root));
    expect(json(stdout)).toMatchObject({ permission: 'deny' });
  });
  test('an evidence log that cannot be written is denied: an unrecorded action does not run', async () => {
    const file = join(root, 'not-a-dir');
    writeFileSync(file, 'x');
    const { stdout } = await runHook(['cursor', '--evidence', join(file, 'sub')], hookFixture('cursor', 'allowed-command', root));
    expect(json(stdout)).toMatchObject({ permission: 'deny' });
  });
  test("a request's policy_pack is never obeyed: the event cannot pick a laxer pack", async () => {
    const strict = join(root, 'strict.yaml');
    writeFileSync(strict, 'metadata: {id: strict-tests, title: Strict, version: 1}\ncommands:\n  block: ["npm test"]\n');
    const event = JSON.parse(hookFixture('claude-code', 'allowed-command', root));
    event.policy_pack = 'cavra-ci-baseline';
    event.tool_input.policy_pack = 'cavra-ci-baseline';
    const { stdout } = await runHook(['claude-code', '--pack', strict], JSON.stringify(event));
    expect(json(stdout).hookSpecificOutput).toMatchObject({ permissionDecision: 'deny', permissionDecisionReason: expect.stringMatching(/strict-tests|npm test/) });
  });
  test('a hook installed with a bad flag still answers deny in the agent protocol', async () => {
    const { stdout, exitCode } = await runHook(['copilot', '--pakc', 'x'], hookFixture('copilot', 'allowed-command', root));
    expect(exitCode).toBe(0);
    expect(json(stdout)).toMatchObject({ permissionDecision: 'deny', permissionDecisionReason: expect.stringMatching(/command line is wrong/) });
  });
  test('an unknown agent is a usage error', async () => {
    const { exitCode, stderr } = await runHook(['aider'], '{}');
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/unknown agent `aider`/);
  });
});

describe('hook install', () => {
  test('writes the agent settings, keeps what was there, and says where it cannot fail closed', async () => {
    const file = join(root, 'gemini-settings.json');
    writeFileSync(file, JSON.stringify({ theme: 'dark', hooks: { BeforeTool: [{ matcher: 'write_file', hooks: [{ type: 'command', command: 'fmt.sh' }] }] } }));
    const { stdout, exitCode } = await runHook(['install', 'gemini', '--settings', file], '');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/Gemini CLI has no switch/);
    const settings = JSON.parse(readFileSync(file, 'utf8'));
    expect(settings.theme).toBe('dark');
    expect(settings.hooks.BeforeTool).toEqual([
      { matcher: 'write_file', hooks: [{ type: 'command', command: 'fmt.sh' }] },
      { matcher: '.*', hooks: [{ type: 'command', command: 'cavra hook gemini', timeout: 30000 }] },
    ]);
    // Installing again replaces cavra's entry instead of adding a second one.
    await runHook(['install', 'gemini', '--settings', file, '--command', 'cavra hook gemini --evidence .cavra/hook'], '');
    expect(JSON.parse(readFileSync(file, 'utf8')).hooks.BeforeTool.map((entry: any) => entry.hooks[0].command)).toEqual(['fmt.sh', 'cavra hook gemini --evidence .cavra/hook']);
  });
  test('a settings file that is not JSON is refused and left as it was', async () => {
    const file = join(root, 'broken.json');
    writeFileSync(file, '{ nope');
    const { exitCode, stderr } = await runHook(['install', 'claude-code', '--settings', file], '');
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{ nope');
  });
});
