// Reads the pull request under review through the Azure DevOps REST API (azure-devops-node-api):
// the pull request, its iterations, the latest iteration's changes, reviewers and their votes,
// labels and commits, into the core's provider-neutral `ReviewContext` plus the changed files.
import { CavraError, type ActionRequest, type ReviewContext } from '@cavra/core';
import type { IGitApi } from 'azure-devops-node-api/GitApi.js';
import type { GitPullRequestChange, GitPullRequestIteration } from 'azure-devops-node-api/interfaces/GitInterfaces.js';
import { changedFileRequests } from './changed-files.ts';
import type { PullRequestRef } from './pull-request-ref.ts';
import { approvalsFromVotes, isServiceIdentity, voteEventsOf } from './reviewer-votes.ts';

/** What the task learns about the pull request before the gate runs. */
export interface PullRequestSnapshot {
  review: ReviewContext;
  changedFiles: ActionRequest[];
  /** The latest iteration: the changes judged and the status posted are both bound to it. */
  iterationId: number;
}

/** The documented maximum `$top` of the iteration-changes route. */
const CHANGES_PAGE = 2000;
/** More pages than this is not a pull request a gate can judge whole; refuse rather than judge part. */
const MAX_CHANGE_PAGES = 50;

export async function readPullRequest(git: IGitApi, ref: PullRequestRef): Promise<PullRequestSnapshot> {
  const { repositoryId, pullRequestId, project } = ref;
  const pullRequest = await call('the pull request', () => git.getPullRequest(repositoryId, pullRequestId, project));
  if (!pullRequest?.pullRequestId) throw unreadable('the pull request', 'not found');
  const iterations = (await call('its iterations', () => git.getPullRequestIterations(repositoryId, pullRequestId, project))) ?? [];
  const latest = latestIteration(iterations);
  const headSha = latest.sourceRefCommit?.commitId ?? pullRequest.lastMergeSourceCommit?.commitId;
  if (!headSha) throw unreadable('the pull request', 'no source commit');

  const changes = await readChanges(git, ref, latest.id!);
  const [reviewers, labels, commits, threads] = await Promise.all([
    call('its reviewers', () => git.getPullRequestReviewers(repositoryId, pullRequestId, project)),
    call('its labels', () => git.getPullRequestLabels(repositoryId, pullRequestId, project)),
    call('its commits', () => git.getPullRequestCommits(repositoryId, pullRequestId, project)),
    call('its threads', () => git.getThreads(repositoryId, pullRequestId, project)),
  ]);

  const author = pullRequest.createdBy?.uniqueName || pullRequest.createdBy?.id || 'unknown';
  const votes = approvalsFromVotes(reviewers ?? [], voteEventsOf(threads ?? []), iterations);
  const limitations = [
    'azure devops group membership is known only for groups that are reviewers of the pull request (a vote cast for them)',
    ...votes.limitations,
    ...((commits as { continuationToken?: string } | undefined)?.continuationToken ? ['the pull request has more commits than one page; commit authors beyond it were not read'] : []),
  ];
  const commitAuthors = new Set<string>();
  for (const commit of commits ?? []) {
    for (const person of [commit.author, commit.committer]) {
      const name = person?.email || person?.name;
      if (name) commitAuthors.add(name);
    }
  }
  const webUrl = pullRequest.repository?.webUrl;
  const baseSha = latest.targetRefCommit?.commitId ?? pullRequest.lastMergeTargetCommit?.commitId;
  const review: ReviewContext = {
    provider: 'azure',
    changeId: String(pullRequestId),
    ...(webUrl ? { url: `${webUrl}/pullrequest/${pullRequestId}` } : {}),
    headSha,
    ...(baseSha ? { baseSha } : {}),
    author,
    authorIsBot: isServiceIdentity(pullRequest.createdBy),
    commitAuthors: [...commitAuthors],
    labels: (labels ?? []).filter((label) => label.active !== false && label.name).map((label) => label.name!),
    ...(pullRequest.description ? { body: pullRequest.description } : {}),
    approvals: votes.approvals,
    limitations,
  };
  return { review, changedFiles: changedFileRequests(changes, { pullRequestId, author }), iterationId: latest.id! };
}

function latestIteration(iterations: readonly GitPullRequestIteration[]): GitPullRequestIteration {
  const latest = iterations.filter((iteration) => Number.isInteger(iteration.id)).sort((a, b) => b.id! - a.id!)[0];
  if (!latest) throw unreadable('the pull request', 'it has no iterations');
  return latest;
}

async function readChanges(git: IGitApi, ref: PullRequestRef, iterationId: number): Promise<GitPullRequestChange[]> {
  const changes: GitPullRequestChange[] = [];
  let skip = 0;
  for (let page = 0; page < MAX_CHANGE_PAGES; page += 1) {
    const result = await call('its changed files', () => git.getPullRequestIterationChanges(ref.repositoryId, ref.pullRequestId, iterationId, ref.project, CHANGES_PAGE, skip, 0));
    changes.push(...(result?.changeEntries ?? []));
    if (!result?.nextSkip) return changes;
    skip = result.nextSkip;
  }
  throw new CavraError('ERR_INPUT_UNREADABLE', `the pull request changes more files than the gate reads (${MAX_CHANGE_PAGES * CHANGES_PAGE})`, {
    hint: 'split the change, or judge it with `changedFiles: false` and the agent sessions only',
  });
}

async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (cause) {
    const status = (cause as { statusCode?: number }).statusCode;
    throw unreadable(what, status ? `http ${status}` : (cause as Error).message, cause);
  }
}

function unreadable(what: string, why: string, cause?: unknown): CavraError {
  return new CavraError('ERR_PROVIDER_API_FAILED', `cannot read ${what} from azure devops: ${oneLine(why)}`, {
    ...(cause ? { cause } : {}),
    hint: 'the build identity needs read access to the repository and its pull requests (job authorization scope: project)',
  });
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}
