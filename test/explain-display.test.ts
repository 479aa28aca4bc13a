// `cavra explain` prints agent text to a terminal or a CI log: control sequences are shown, not
// obeyed, and runner command prefixes are inert, so a displayed decision cannot be spoofed.
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { CLI_BUNDLE } from './support/paths.ts';

test('explain shows ANSI and bidi controls escaped and neutralises runner commands', () => {
  const line = 'terraform apply \u001b[2K\u001b[1Gdecision: allow\u202e ##vso[task.setvariable variable=x]y\n::error::forged';
  const result = spawnSync(process.execPath, [CLI_BUNDLE, 'explain', line], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
  expect(result.stdout).toContain('\\x1b[2K');
  expect(result.stdout).not.toMatch(/##vso\[/);
  expect(result.stdout.split('\n').filter((text) => /^\s*::/.test(text))).toEqual([]);
  expect(result.stdout).toMatch(/^decision: block/m);
});
