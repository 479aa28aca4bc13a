// The gate's verdict as a pull-request status (`genre` `cavra`, name `gate`), posted on the
// iteration that was judged, so a "Status check" branch policy can require it and a new push
// does not inherit it. The description holds counts only, never agent text.
import type { GateReport } from '@cavra/core';
import type { IGitApi } from 'azure-devops-node-api/GitApi.js';
import type { GitPullRequestStatus } from 'azure-devops-node-api/interfaces/GitInterfaces.js';
import type { PullRequestRef } from './pull-request-ref.ts';

/** The status context a branch policy names: genre `cavra`, name `gate`. */
export const STATUS_CONTEXT = { genre: 'cavra', name: 'gate' } as const;

/** `GitStatusState`: NotSet 0, Pending 1, Succeeded 2, Failed 3, Error 4, NotApplicable 5, PartiallySucceeded 6. */
export const STATUS_STATES = { pending: 1, succeeded: 2, failed: 3, error: 4 } as const;

const DESCRIPTION_LIMIT = 200;

/**
 * The status for a report: `failure` fails it; shadow mode's `neutral` succeeds (findings are
 * reported, nothing is held back); `success` succeeds.
 */
export function gateStatus(report: Pick<GateReport, 'conclusion' | 'title'>, targetUrl: string | undefined, iterationId: number): GitPullRequestStatus {
  const state = report.conclusion === 'failure' ? STATUS_STATES.failed : STATUS_STATES.succeeded;
  return { state, description: clip(report.title), context: { ...STATUS_CONTEXT }, iterationId, ...(targetUrl ? { targetUrl } : {}) };
}

/** The status when the gate could not run at all: an error, which a required policy does not accept. */
export function errorStatus(message: string, targetUrl: string | undefined, iterationId: number | undefined): GitPullRequestStatus {
  return {
    state: STATUS_STATES.error,
    description: clip(`CAVRA: the gate did not run: ${message}`),
    context: { ...STATUS_CONTEXT },
    ...(iterationId !== undefined ? { iterationId } : {}),
    ...(targetUrl ? { targetUrl } : {}),
  };
}

export async function postPullRequestStatus(git: IGitApi, ref: PullRequestRef, status: GitPullRequestStatus): Promise<GitPullRequestStatus> {
  return git.createPullRequestStatus(status, ref.repositoryId, ref.pullRequestId, ref.project);
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > DESCRIPTION_LIMIT ? `${flat.slice(0, DESCRIPTION_LIMIT - 3)}...` : flat;
}
