// Issue 17 item 7: a hook or batch that is busy deciding must still end on SIGTERM (agents and
// CI runners send it on a timeout); no handler of ours may defer it until the work is done.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { CLI_BUNDLE } from './support/paths.ts';

test.for([
  ['without evidence', []],
  ['appending evidence', ['--evidence', 'run']],
] as Array<[string, string[]]>)('SIGTERM ends a busy evaluate --batch, %s, at once', { timeout: 60_000 }, async ([, extra]) => {
  const dir = mkdtempSync(join(tmpdir(), 'cavra-sigterm-'));
  const lines = Array.from({ length: 200_000 }, (_, i) => JSON.stringify({ action_type: 'execute_command', target: `npm test -- f${i} && ls src/${i}` }));
  writeFileSync(join(dir, 'batch.jsonl'), lines.join('\n'));
  const child = spawn(process.execPath, [CLI_BUNDLE, 'evaluate', '--batch', 'batch.jsonl', ...extra], { cwd: dir, stdio: ['ignore', 'ignore', 'ignore'] });
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const ended = new Promise<{ signal: NodeJS.Signals | null; code: number | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // The run must still be busy when the signal comes, or the test would prove nothing.
  const stillBusy = child.exitCode === null;
  child.kill('SIGTERM');
  const outcome = await Promise.race([ended, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
  if (outcome === 'still running') child.kill('SIGKILL');
  expect(stillBusy).toBe(true);
  expect(outcome).toEqual({ code: null, signal: 'SIGTERM' });
});
