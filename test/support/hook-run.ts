import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runHookCli } from '../../packages/cli/src/hook-entry.ts';
import { REPO_ROOT } from './paths.ts';

/** Runs `cavra hook …` in-process with `input` on stdin; returns what the agent would see. */
export async function runHook(args: string[], input: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const exitCode = await runHookCli(args, { stdin: Readable.from([Buffer.from(input)]), stdout, stderr });
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exitCode };
}

/** A hook event fixture with its `/repo` paths moved to `root`. */
export function hookFixture(agent: string, name: string, root: string): string {
  return readFileSync(join(REPO_ROOT, 'fixtures', 'hooks', agent, `${name}.json`), 'utf8').replaceAll('/repo', root);
}
