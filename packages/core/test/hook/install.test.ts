import { expect, test } from 'vitest';
import { HOOK_AGENTS } from '../../src/hook/protocol.ts';
import { planHookInstall } from '../../src/hook/install.ts';

test('Claude Code: every tool, both events, a timeout and onFailure block; other hooks are kept', () => {
  const existing = { model: 'opus', hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'lint.sh' }] }, { matcher: '*', hooks: [{ type: 'command', command: 'cavra hook claude-code --pack old' }] }] } };
  const plan = planHookInstall('claude-code', existing, 'cavra hook claude-code');
  const hooks = plan.settings.hooks as Record<string, any[]>;
  expect(plan.settings.model).toBe('opus');
  expect(hooks.PreToolUse).toEqual([
    { matcher: 'Bash', hooks: [{ type: 'command', command: 'lint.sh' }] },
    { matcher: '*', hooks: [{ type: 'command', command: 'cavra hook claude-code', timeout: 30, onFailure: 'block' }] },
  ]);
  expect(hooks.PermissionRequest).toHaveLength(1);
  expect(plan.defaultFile).toBe('.claude/settings.json');
});

test('Cursor sets failClosed on all four events', () => {
  const plan = planHookInstall('cursor', undefined, 'cavra hook cursor');
  expect(plan.settings.version).toBe(1);
  const hooks = plan.settings.hooks as Record<string, any[]>;
  expect(Object.keys(hooks)).toEqual(['beforeShellExecution', 'beforeReadFile', 'beforeMCPExecution', 'preToolUse']);
  for (const entries of Object.values(hooks)) expect(entries[0]).toMatchObject({ command: 'cavra hook cursor', failClosed: true, timeout: 30 });
});

test('agents without a fail-closed switch say so', () => {
  for (const agent of ['codex', 'gemini', 'copilot'] as const) expect(planHookInstall(agent, undefined, `cavra hook ${agent}`).notes[0]).toMatch(/has no switch/);
  for (const agent of HOOK_AGENTS) expect(planHookInstall(agent, {}, `cavra hook ${agent}`).notes[0]).toMatch(/^fail-closed: /);
});

test('settings that are not an object are refused, not overwritten', () => {
  expect(() => planHookInstall('gemini', [], 'cavra hook gemini')).toThrow(/not a JSON object/);
  expect(() => planHookInstall('gemini', { hooks: { BeforeTool: {} } }, 'cavra hook gemini')).toThrow(/not an array/);
});
