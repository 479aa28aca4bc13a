// The changed files from the job's own clone, when the API cannot be read (no token on a private
// project): `git diff` between the merge request's diff base and its head.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ChangedFile } from './changed-files.ts';

const run = promisify(execFile);

async function git(cwd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('git', [...args], { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

async function hasCommit(cwd: string, sha: string): Promise<boolean> {
  return git(cwd, ['cat-file', '-e', `${sha}^{commit}`]).then(
    () => true,
    () => false,
  );
}

/**
 * The files changed between `base` and `head`, fetching the base commit when the clone is
 * shallow (GitLab clones 20 commits deep by default). Throws when git cannot tell.
 */
export async function gitChangedFiles(cwd: string, base: string, head: string): Promise<ChangedFile[]> {
  for (const sha of [base, head]) {
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) throw new Error(`not a commit sha: \`${sha}\``);
    if (!(await hasCommit(cwd, sha))) await git(cwd, ['fetch', '--quiet', '--no-tags', '--depth=1', 'origin', sha]);
  }
  // -z: paths exactly as stored, whatever characters an agent put in them.
  const fields = (await git(cwd, ['diff', '--name-status', '-z', '--find-renames', '--no-ext-diff', base, head])).split('\0');
  const files: ChangedFile[] = [];
  for (let index = 0; index < fields.length - 1; ) {
    const status = fields[index++]!;
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = fields[index++]!;
      const to = fields[index++]!;
      files.push({ old_path: from, new_path: to, renamed_file: status.startsWith('R'), new_file: status.startsWith('C') });
    } else {
      const path = fields[index++]!;
      files.push({ old_path: path, new_path: path, new_file: status === 'A', deleted_file: status === 'D' });
    }
  }
  return files;
}
