// `cavra hook` as an agent runs it: the committed CLI, copied where no node_modules can be found,
// running its own hook bundle through the code cache of an earlier hook (cli/src/hook-loader.ts).
// The cache only ever changes speed: with it, without it, refused or in an unsafe folder, every
// event gets the same answer.
import { chmodSync, chownSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeEach, describe, expect, test } from 'vitest';
import { REPO_ROOT } from './support/paths.ts';

const root = mkdtempSync(join(tmpdir(), 'cavra-hook-bundle-'));
cpSync(join(REPO_ROOT, 'dist'), join(root, 'dist'), { recursive: true });
writeFileSync(join(root, '.env'), 'TOKEN=x\n');
let temp: string;
const cacheDir = () => join(temp, `cavra-hook-cache-${process.getuid?.() ?? 'user'}`);
const cacheFiles = () => readdirSync(cacheDir()).filter((name) => name.endsWith('.v8cache')).sort();

beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'cavra-hook-tmp-'));
});

const event = (tool_name: string, tool_input: Record<string, unknown>) =>
  JSON.stringify({ session_id: 's', transcript_path: '/dev/null', cwd: root, hook_event_name: 'PreToolUse', tool_name, tool_input, tool_use_id: 't' });

const EVENTS = {
  readEnv: event('Read', { file_path: join(root, '.env') }),
  readSource: event('Read', { file_path: join(root, 'dist', 'cli', 'cavra.mjs') }),
  plainCommand: event('Bash', { command: 'npm test -- --run' }),
  parsedCommand: event('Bash', { command: 'for f in *.ts; do cat .e""nv; done' }),
  mcp: event('mcp__github__get_issue', { owner: 'o', repo: 'r', issue_number: 1 }),
};

function hook(input: string, cli = join(root, 'dist', 'cli', 'cavra.mjs'), env: Record<string, string> = {}): { status: number | null; decision: string } {
  const run = spawnSync(process.execPath, [cli, 'hook', 'claude-code'], { cwd: root, input, encoding: 'utf8', env: { ...process.env, TMPDIR: temp, ...env } });
  expect(run.stderr).toBe('');
  const decision = run.stdout === '' ? 'allow' : (JSON.parse(run.stdout) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision;
  return { status: run.status, decision };
}

// The default pack (cavra-ci-baseline) blocks MCP servers it does not list.
const EXPECTED = { readEnv: 'deny', readSource: 'allow', plainCommand: 'allow', parsedCommand: 'deny', mcp: 'deny' };

describe('the built hook', () => {
  test('answers every kind of event, with and without a code cache, the same', () => {
    const cold = Object.fromEntries(Object.entries(EVENTS).map(([name, input]) => [name, hook(input)]));
    const warm = Object.fromEntries(Object.entries(EVENTS).map(([name, input]) => [name, hook(input)]));
    for (const name of Object.keys(EVENTS) as Array<keyof typeof EVENTS>) {
      expect(cold[name]).toEqual({ status: 0, decision: EXPECTED[name] });
      expect(warm[name]).toEqual(cold[name]);
    }
  });

  test('keeps one private cache per kind of event, and reuses it rather than writing it again', () => {
    hook(EVENTS.readSource);
    hook(EVENTS.plainCommand);
    const files = cacheFiles();
    expect(files).toHaveLength(2);
    expect(files.some((name) => name.endsWith('-command.v8cache')) && files.some((name) => name.endsWith('-other.v8cache'))).toBe(true);
    expect(statSync(cacheDir()).mode & 0o777).toBe(0o700);
    const before = files.map((name) => statSync(join(cacheDir(), name)));
    for (const name of files) expect(before[files.indexOf(name)]!.mode & 0o777).toBe(0o600);
    expect(hook(EVENTS.readEnv).decision).toBe('deny');
    expect(hook(EVENTS.plainCommand).decision).toBe('allow');
    const after = files.map((name) => statSync(join(cacheDir(), name)));
    expect(after.map((stat) => [stat.ino, stat.mtimeMs])).toEqual(before.map((stat) => [stat.ino, stat.mtimeMs]));
  });

  test('a hook that loads the bash parser (and so changes V8 flags) writes no cache; a plain one does', () => {
    expect(hook(EVENTS.parsedCommand).decision).toBe('deny');
    expect(cacheFiles()).toEqual([]);
    expect(hook(EVENTS.plainCommand).decision).toBe('allow');
    expect(cacheFiles()).toHaveLength(1);
    // The cache made without the tuned flags still serves a hook that tunes them later.
    expect(hook(EVENTS.parsedCommand).decision).toBe('deny');
    expect(cacheFiles()).toHaveLength(1);
  });

  test('a corrupt cache is refused by V8 and replaced; the answer is unchanged', () => {
    hook(EVENTS.readSource);
    const [file] = cacheFiles();
    const garbage = Buffer.alloc(4096, 0x5a);
    writeFileSync(join(cacheDir(), file!), garbage);
    expect(hook(EVENTS.readEnv)).toEqual({ status: 0, decision: 'deny' });
    expect(readFileSync(join(cacheDir(), file!)).equals(garbage)).toBe(false);
  });

  test('a cache folder others can write to is not used', () => {
    hook(EVENTS.readSource);
    rmSync(join(cacheDir(), cacheFiles()[0]!));
    chmodSync(cacheDir(), 0o777);
    expect(hook(EVENTS.readEnv)).toEqual({ status: 0, decision: 'deny' });
    expect(cacheFiles()).toEqual([]);
  });

  test.runIf(process.getuid?.() === 0)('a cache folder owned by another user is not used', () => {
    hook(EVENTS.readSource);
    rmSync(join(cacheDir(), cacheFiles()[0]!));
    chownSync(cacheDir(), 12345, 12345);
    expect(hook(EVENTS.readEnv)).toEqual({ status: 0, decision: 'deny' });
    expect(cacheFiles()).toEqual([]);
  });

  test('CAVRA_HOOK_CACHE=off keeps no cache', () => {
    expect(hook(EVENTS.readEnv, undefined, { CAVRA_HOOK_CACHE: 'off' })).toEqual({ status: 0, decision: 'deny' });
    expect(hook(EVENTS.plainCommand, undefined, { CAVRA_HOOK_CACHE: 'off' })).toEqual({ status: 0, decision: 'allow' });
    expect(existsSync(cacheDir())).toBe(false);
  });

  test('a bundle without a build id runs without a cache', () => {
    const copy = mkdtempSync(join(tmpdir(), 'cavra-hook-noid-'));
    cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true });
    const bundle = join(copy, 'dist', 'cli', 'cavra-hook.cjs');
    const text = readFileSync(bundle, 'utf8');
    expect(text).toMatch(/^\/\/ cavra-hook-build [0-9a-f]{64}\n/);
    writeFileSync(bundle, text.slice(text.indexOf('\n') + 1));
    expect(hook(EVENTS.readEnv, join(copy, 'dist', 'cli', 'cavra.mjs'))).toEqual({ status: 0, decision: 'deny' });
    expect(hook(EVENTS.mcp, join(copy, 'dist', 'cli', 'cavra.mjs'))).toEqual({ status: 0, decision: 'deny' });
    expect(existsSync(cacheDir())).toBe(false);
  });
});
