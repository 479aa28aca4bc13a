// The approvers file decides who may let an agent's change merge, so it is read from the pull
// request's base commit through the REST API, never from the checkout: a pull-request build
// checks out the merge commit, where the change under review could have rewritten the file.
import { CavraError, parseApprovers, type ApproversFile } from '@cavra/core';
import type { IGitApi } from 'azure-devops-node-api/GitApi.js';
import type { PullRequestRef } from './pull-request-ref.ts';

/** `GitVersionType.Commit`. */
const COMMIT_VERSION = 2;

/** The approvers file at `commit`, or `undefined` when the base has none. */
export async function readApproversAtBase(git: IGitApi, ref: PullRequestRef, path: string, commit: string): Promise<ApproversFile | undefined> {
  let item;
  try {
    item = await git.getItem(ref.repositoryId, path, ref.project, undefined, undefined, undefined, undefined, undefined, { version: commit, versionType: COMMIT_VERSION }, true);
  } catch (cause) {
    const status = (cause as { statusCode?: number }).statusCode;
    throw new CavraError('ERR_PROVIDER_API_FAILED', `cannot read \`${path}\` at the base commit \`${commit.slice(0, 12)}\`: ${status ? `http ${status}` : 'no answer'}`, {
      cause,
      hint: 'the build identity needs read access to the repository',
    });
  }
  if (!item || typeof item.content !== 'string') return undefined;
  return parseApprovers(item.content, `${path}@${commit.slice(0, 12)}`);
}
