// Symlinked file targets are judged as the link and as what it points to (issue 3, file targets).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { compilePolicy, evaluate, openPolicy, workspacePathResolver } from '@cavra/core';

const workspace = mkdtempSync(join(tmpdir(), 'cavra-ws-'));
mkdirSync(join(workspace, 'docs'));
mkdirSync(join(workspace, '.github', 'workflows'), { recursive: true });
writeFileSync(join(workspace, '.env'), 'TOKEN=x\n');
symlinkSync('../.env', join(workspace, 'docs', 'notes.txt'));
symlinkSync('.github/workflows', join(workspace, 'ci'));
writeFileSync(join(workspace, 'README.md'), 'hi\n');
const outside = mkdtempSync(join(tmpdir(), 'cavra-outside-'));
symlinkSync(outside, join(workspace, 'elsewhere'));
symlinkSync(join(workspace, 'no-such-dir'), join(workspace, 'dangling'));

const resolve = workspacePathResolver(workspace);
const policy = { ...compilePolicy(openPolicy({}), []), resolvePath: resolve };
const context = { now: () => new Date(0), randomHex: (bytes: number) => '0'.repeat(bytes * 2) };

test('the resolver maps links inside the workspace to workspace paths', () => {
  expect(resolve('docs/notes.txt')).toBe('.env');
  expect(resolve('ci/new.yml')).toBe('.github/workflows/new.yml');
  expect(resolve('README.md')).toBeUndefined();
  expect(resolve('not/there/at/all.txt')).toBeUndefined();
  expect(resolve('elsewhere/x')).toMatch(/^\/.*cavra-outside-.*\/x$/);
});

test('new files deep under a link, names under a file, and dangling links resolve as the file system would', () => {
  const fresh = workspacePathResolver(workspace);
  expect(fresh('ci/a/b/c.yml')).toBe('.github/workflows/a/b/c.yml');
  expect(fresh('.github/workflows/a/b/c.yml')).toBeUndefined();
  expect(fresh('docs/notes.txt/x')).toBe('.env/x');
  expect(fresh('dangling')).toBeUndefined();
  expect(fresh('dangling/x')).toBeUndefined();
  // Asked in the other order, the answers are the same: the cache holds answers, not guesses.
  const reversed = workspacePathResolver(workspace);
  expect(reversed('dangling/x')).toBeUndefined();
  expect(reversed('docs/notes.txt/x')).toBe('.env/x');
  expect(reversed('.github/workflows/a/b/c.yml')).toBeUndefined();
  expect(reversed('ci/a/b/c.yml')).toBe('.github/workflows/a/b/c.yml');
});

test('reading a link to .env is blocked, and the record names the link', () => {
  const record = evaluate(policy, { action_type: 'read_file', target: 'docs/notes.txt' }, context);
  expect(record).toMatchObject({ decision: 'block', target: 'docs/notes.txt' });
  expect(record.reason).toContain('is a link to `.env`');
});

test('writing a new file through a linked directory is judged where it lands', () => {
  const record = evaluate(policy, { action_type: 'write_file', target: 'ci/deploy.yml' }, context);
  expect(record.decision).toBe('block');
});

test('without a resolver the same requests are judged by their names only', () => {
  const plain = compilePolicy(openPolicy({}), []);
  expect(evaluate(plain, { action_type: 'read_file', target: 'docs/notes.txt' }, context).decision).toBe('allow');
});
