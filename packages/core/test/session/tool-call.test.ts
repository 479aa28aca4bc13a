import { expect, test } from 'vitest';
import { loadCommandAnalyzer } from '../../src/command/load.ts';
import { repositoryPath } from '../../src/session/paths.ts';
import { mcpToolOf, toolCallRequests } from '../../src/session/tool-call.ts';

const call = (tool: string, input: Record<string, unknown>) => ({ agent: 'claude-code', tool, id: 'toolu_1', input });

test('the original tool name and tool-call id travel in the request', () => {
  expect(toolCallRequests(call('Bash', { command: 'ls' }))).toEqual([{ agent_id: 'claude-code', tool_name: 'Bash', tool_use_id: 'toolu_1', action_type: 'execute_command', target: 'ls' }]);
});

test('MCP tool names split at the first double underscore, plugin servers included', () => {
  expect(mcpToolOf({ tool: 'mcp__github__create_pull_request' })).toEqual({ server: 'github', tool: 'create_pull_request' });
  expect(mcpToolOf({ tool: 'mcp__plugin_acme_db__run__query' })).toEqual({ server: 'plugin_acme_db', tool: 'run__query' });
  // Look-alikes are not MCP calls: they fall to the unknown-tool request.
  for (const tool of ['mcp__', 'mcp__github', 'mcp__github__', 'mcp_github__x']) expect(mcpToolOf({ tool })).toBeUndefined();
  expect(toolCallRequests(call('mcp__github', {}))[0]?.action_type).toBe('agent_tool');
});

test('a URL cannot smuggle a second command into the curl equivalent of a web fetch', async () => {
  const [request] = toolCallRequests(call('WebFetch', { url: "https://x.example/'; rm -rf / #", prompt: 'p' }));
  expect(request?.target).toBe("curl --location -- 'https://x.example/'\\''; rm -rf / #'");
  const analysis = (await loadCommandAnalyzer()).analyze(request!.target!);
  expect(analysis.invocations.map((invocation) => invocation.text)).toHaveLength(1);
  expect(request?.network_egress).toEqual({ kind: 'fetch', url: "https://x.example/'; rm -rf / #" });
});

test('apply_patch is one write per file it names, and an unreadable patch still writes', () => {
  const patch = '*** Begin Patch\n*** Update File: a.ts\n*** Move to: b.ts\n*** Delete File: c.ts\n*** End Patch';
  expect(toolCallRequests(call('apply_patch', { command: patch })).map((r) => r.target)).toEqual(['a.ts', 'b.ts', 'c.ts']);
  expect(toolCallRequests(call('apply_patch', { command: 'garbage' })).map((r) => [r.action_type, r.target])).toEqual([['write_file', '.']]);
});

test('Codex argv commands: `bash -lc LINE` runs LINE, any other argv is quoted word by word', () => {
  expect(toolCallRequests(call('shell', { command: ['bash', '-lc', 'npm test && git push'] }))[0]?.target).toBe('npm test && git push');
  expect(toolCallRequests(call('shell', { command: ['rm', '-rf', 'a b'] }))[0]?.target).toBe("rm -rf 'a b'");
});

test('internal tools make no request; unknown tools make one', () => {
  expect(toolCallRequests(call('TodoWrite', {}))).toEqual([]);
  expect(toolCallRequests(call('Frobnicate', { x: 1 }))).toEqual([{ agent_id: 'claude-code', tool_name: 'Frobnicate', tool_use_id: 'toolu_1', action_type: 'agent_tool', target: 'Frobnicate', requested_operation: 'Frobnicate' }]);
});

test('paths: inside the root relative, outside absolute, relative ones from the agent cwd', () => {
  expect(repositoryPath('/repo/src/a.ts', { root: '/repo' })).toBe('src/a.ts');
  expect(repositoryPath('/home/dev/.ssh/id_rsa', { root: '/repo' })).toBe('/home/dev/.ssh/id_rsa');
  expect(repositoryPath('../.env', { root: '/repo', cwd: '/repo/pkg' })).toBe('.env');
  expect(repositoryPath('../../etc/passwd', { root: '/repo', cwd: '/repo/pkg' })).toBe('/etc/passwd');
  // A sibling whose name starts like the root is outside it.
  expect(repositoryPath('/repo-evil/.env', { root: '/repo' })).toBe('/repo-evil/.env');
});

test('a path field that is not a string makes the call an unknown tool, never a read or write of the repository root', () => {
  for (const [tool, input] of [
    ['Read', { file_path: ['src/a.ts', '.env'] }],
    ['Read', { path: { toString: '.env' } }],
    ['Write', { file_path: 42, content: 'x' }],
    ['Edit', { file_path: ['.github/workflows/ci.yml'], old_string: 'a', new_string: 'b' }],
  ] as const) {
    expect(toolCallRequests(call(tool, input)), tool).toEqual([{ agent_id: 'claude-code', tool_name: tool, tool_use_id: 'toolu_1', action_type: 'agent_tool', target: tool, requested_operation: tool }]);
  }
  // Absent or null fields still fall back to the next one.
  expect(toolCallRequests(call('Read', { file_path: null, path: 'src' }))[0]).toMatchObject({ action_type: 'read_file', target: 'src' });
  expect(toolCallRequests(call('Read', { file_path: 'src/a.ts' }))[0]).toMatchObject({ action_type: 'read_file', target: 'src/a.ts' });
});
