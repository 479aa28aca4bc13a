// A pull request's changed files, judged as the agent's writes. GitHub lists at most 3,000 files
// of a pull request; a list shorter than the pull request's own count fails closed, because an
// unlisted file is an unjudged write.
import { createHash } from 'node:crypto';
import type { ActionRequest, SessionProblem } from '@cavra/core';
import type { GitHubClient } from './github-client.ts';

/** GitHub's cap on `GET /pulls/{n}/files` (docs: "Responses include a maximum of 3000 files"). */
export const GITHUB_LISTED_FILES_LIMIT = 3000;

export interface ChangedFilesOptions {
  owner: string;
  repo: string;
  pullNumber: number;
  /** `changed_files` from the pull request itself. */
  expected: number;
  /** Who the writes are attributed to (the pull request's author). */
  author: string;
  sessionId: string;
}

export interface ChangedFiles {
  requests: ActionRequest[];
  listed: number;
  problems: SessionProblem[];
}

/** Lists the changed files (paginated) as `write_file` requests; a rename is judged under both names. */
export async function readChangedFiles(client: GitHubClient, options: ChangedFilesOptions): Promise<ChangedFiles> {
  const files = await client.paginate(client.rest.pulls.listFiles, { owner: options.owner, repo: options.repo, pull_number: options.pullNumber, per_page: 100 });
  const write = (target: string): ActionRequest => ({
    session_id: options.sessionId,
    agent_id: options.author,
    actor: options.author,
    action_type: 'write_file',
    target,
    operation: 'write',
  });
  const requests: ActionRequest[] = [];
  // attacker-controlled: file names are whatever the change's author committed.
  for (const file of files) {
    requests.push(write(file.filename));
    if (file.previous_filename && file.previous_filename !== file.filename) requests.push(write(file.previous_filename));
  }
  const problems: SessionProblem[] = [];
  if (files.length < options.expected) {
    const where = `github:${options.owner}/${options.repo}/pulls/${options.pullNumber}/files`;
    const capped = files.length >= GITHUB_LISTED_FILES_LIMIT ? ` (GitHub lists at most ${GITHUB_LISTED_FILES_LIMIT})` : '';
    problems.push({
      file: where,
      line: 0,
      digest: `sha256:${createHash('sha256').update(files.map((file) => file.filename).join('\n')).digest('hex')}`,
      message: `the pull request changes ${options.expected} files but only ${files.length} were listed${capped}; the unlisted files cannot be judged, so the change is held (split it into smaller pull requests)`,
    });
  }
  return { requests, listed: files.length, problems };
}
