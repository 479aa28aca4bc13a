// The `CAVRA` check run on the pull request's head commit. The Checks API takes at most 50
// annotations a request, so the run is created with the first 50 and updated with the rest.
import type { GateAnnotation, GateConclusion } from '@cavra/core';
import { apiFailure, httpStatusOf, type GitHubClient } from './github-client.ts';

export const CHECK_RUN_NAME = 'CAVRA';
/** Checks API limits: annotations per request, characters of `output.summary`, of an annotation title. */
export const CHECK_LIMITS = { annotationsPerRequest: 50, summaryChars: 65_535, titleChars: 255, messageBytes: 64 * 1024 } as const;

export interface CheckRunRequest {
  owner: string;
  repo: string;
  headSha: string;
  conclusion: GateConclusion;
  title: string;
  /** Already within `CHECK_LIMITS.summaryChars`. */
  summary: string;
  annotations: readonly GateAnnotation[];
  detailsUrl?: string;
  externalId?: string;
}

export interface CheckRunResult {
  id?: number;
  url?: string;
  annotations: number;
  /** What GitHub refused, said plainly; the job's exit code and summary still carry the result. */
  failure?: string;
}

type CheckAnnotation = { path: string; start_line: number; end_line: number; annotation_level: GateAnnotation['level']; title: string; message: string };

/** Creates the check run, then appends annotations in batches of 50. Never throws for an API refusal. */
export async function publishCheckRun(client: GitHubClient, request: CheckRunRequest): Promise<CheckRunResult> {
  const annotations = toCheckAnnotations(request.annotations);
  const batches: CheckAnnotation[][] = [];
  for (let start = 0; start < annotations.length; start += CHECK_LIMITS.annotationsPerRequest) batches.push(annotations.slice(start, start + CHECK_LIMITS.annotationsPerRequest));
  const output = (batch: CheckAnnotation[] | undefined) => ({ title: request.title, summary: request.summary, ...(batch ? { annotations: batch } : {}) });
  let id: number | undefined;
  let url: string | undefined;
  let sent = 0;
  try {
    const { data } = await client.rest.checks.create({
      owner: request.owner,
      repo: request.repo,
      name: CHECK_RUN_NAME,
      head_sha: request.headSha,
      status: 'completed',
      conclusion: request.conclusion,
      completed_at: new Date().toISOString(),
      ...(request.detailsUrl ? { details_url: request.detailsUrl } : {}),
      ...(request.externalId ? { external_id: request.externalId } : {}),
      output: output(batches[0]),
    });
    id = data.id;
    url = data.html_url ?? undefined;
    sent += batches[0]?.length ?? 0;
    for (const batch of batches.slice(1)) {
      await client.rest.checks.update({ owner: request.owner, repo: request.repo, check_run_id: id, output: output(batch) });
      sent += batch.length;
    }
    return { id, ...(url ? { url } : {}), annotations: sent };
  } catch (error) {
    const readOnly = httpStatusOf(error) === 403 || httpStatusOf(error) === 404;
    const why = readOnly ? `the token cannot write checks (${apiFailure(error)}): on a fork or Dependabot pull request the token is read-only; otherwise grant \`checks: write\`` : apiFailure(error);
    const what = id === undefined ? 'the `CAVRA` check run was not created' : `the \`CAVRA\` check run got ${sent} of ${annotations.length} annotations`;
    return { ...(id !== undefined ? { id } : {}), ...(url ? { url } : {}), annotations: sent, failure: `${what}: ${why}` };
  }
}

// Only file-bound findings become annotations; the rest are in the summary.
function toCheckAnnotations(annotations: readonly GateAnnotation[]): CheckAnnotation[] {
  return annotations.flatMap((annotation) =>
    annotation.path
      ? [
          {
            path: annotation.path.replace(/^\.\//, ''),
            start_line: 1,
            end_line: 1,
            annotation_level: annotation.level,
            title: clip(annotation.title, CHECK_LIMITS.titleChars),
            message: clip(annotation.message, 4096),
          },
        ]
      : [],
  );
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
