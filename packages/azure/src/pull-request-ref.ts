import { CavraError } from '@cavra/core';

/** Reads one predefined pipeline variable (`System.PullRequest.PullRequestId`, …). */
export type ReadVariable = (name: string) => string | undefined;

/** Where the pull request under review lives, from the run's predefined variables. */
export interface PullRequestRef {
  /** `System.CollectionUri`, e.g. `https://dev.azure.com/fabrikam/`. */
  collectionUri: string;
  /** `System.TeamProjectId`. */
  project: string;
  /** `Build.Repository.ID`. */
  repositoryId: string;
  /** `System.PullRequest.PullRequestId`. */
  pullRequestId: number;
}

/**
 * The pull request this run validates, or `undefined` outside a pull-request build. A pull request
 * in a repository other than Azure Repos cannot be read with the job's token: that is refused, not
 * skipped, so a gate that was meant to judge changed files never silently judges nothing.
 */
export function pullRequestRefOf(variable: ReadVariable): PullRequestRef | undefined {
  const id = variable('System.PullRequest.PullRequestId')?.trim();
  if (!id) return undefined;
  const provider = variable('Build.Repository.Provider');
  if (provider !== undefined && provider !== '' && provider !== 'TfsGit') {
    throw new CavraError('ERR_USAGE', `the pull request is in a \`${provider}\` repository; the task reads pull requests in Azure Repos only`, {
      hint: 'set `changedFiles: false` and `postStatus: false`, or run the CAVRA GitHub Action for repositories on GitHub',
    });
  }
  if (!/^[1-9][0-9]{0,9}$/.test(id)) throw new CavraError('ERR_USAGE', `\`System.PullRequest.PullRequestId\` is not a pull request id: \`${id}\``);
  const collectionUri = required(variable, 'System.CollectionUri') ?? required(variable, 'System.TeamFoundationCollectionUri');
  const project = required(variable, 'System.TeamProjectId');
  const repositoryId = required(variable, 'Build.Repository.ID');
  if (!collectionUri || !project || !repositoryId) {
    throw new CavraError('ERR_USAGE', 'the run does not say which repository the pull request is in (`System.CollectionUri`, `System.TeamProjectId`, `Build.Repository.ID`)', {
      hint: 'run the task in a pipeline started by a pull request (build validation)',
    });
  }
  return { collectionUri, project, repositoryId, pullRequestId: Number(id) };
}

function required(variable: ReadVariable, name: string): string | undefined {
  const value = variable(name)?.trim();
  return value === '' ? undefined : value;
}
