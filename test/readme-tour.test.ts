// Issue 18 (new user): every command of the README's tour runs from a fresh clone, on a fresh
// copy of fixtures/, and exits as the README says (0 unless a `# → exit N` line follows it).
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { tempDir } from '../packages/core/test/evidence/support.ts';
import { REPO_ROOT } from './support/paths.ts';

const CLI_BUNDLE = join(REPO_ROOT, 'dist', 'cli', 'cavra.mjs');

interface TourLine {
  command: string;
  exit: number;
}

function tourLines(): TourLine[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const tour = readme.slice(readme.indexOf('## A five-minute tour'), readme.indexOf('## Documentation'));
  const lines: TourLine[] = [];
  for (const block of tour.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const joined = block[1]!.replace(/\\\n\s*/g, ' ').split('\n');
    for (const line of joined) {
      const exit = /^# → exit (\d)/.exec(line);
      if (exit) lines.at(-1)!.exit = Number(exit[1]);
      else if (line.startsWith('npx cavra')) lines.push({ command: line, exit: 0 });
    }
  }
  return lines;
}

test('the tour has the commands it promises', () => {
  const commands = tourLines().map((l) => l.command);
  expect(commands.length).toBeGreaterThanOrEqual(18);
  for (const verb of ['evaluate', 'policy lint', 'explain', 'gate', 'verify', 'evidence prove', 'keys generate', 'evidence seal', 'evidence push', 'evidence pull', 'auth verify']) {
    expect(commands.some((c) => c.startsWith(`npx cavra ${verb}`))).toBe(true);
  }
});

test('every tour line runs, in order, on a fresh copy of fixtures/', { timeout: 240_000 }, () => {
  const work = tempDir('cavra-tour-');
  cpSync(join(REPO_ROOT, 'fixtures'), join(work, 'fixtures'), { recursive: true });
  // `npx cavra` is this checkout's bundle (npm test builds it first), as `npx` runs it, so that
  // `self-verify` finds its SHA256SUMS.
  const prelude = `npx() { [ "$1" = cavra ] && shift; node ${JSON.stringify(CLI_BUNDLE)} "$@"; }\n`;
  for (const { command, exit } of tourLines()) {
    const run = spawnSync('bash', ['-c', `${prelude}${command}`], { cwd: work, encoding: 'utf8', env: { ...process.env, CI: '', GITHUB_ACTIONS: '', GITLAB_CI: '', TF_BUILD: '' } });
    expect({ command, status: run.status, stderr: run.status === exit ? '' : run.stderr }).toEqual({ command, status: exit, stderr: '' });
  }
});
