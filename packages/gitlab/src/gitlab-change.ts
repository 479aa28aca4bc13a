// The merge request under review, for the gate: its changed files as `write_file` requests, and
// the review context (author, commit authors, labels, approvals) the core judges approvals and
// agent authorship on. What could not be read is said plainly in `limitations`; what must be
// read (the changed files) fails closed.
import { APPROVERS_FILE, BREAK_GLASS_LABEL, CavraError, parseApprovers, type ActionRequest, type ApproversFile, type LabelActor, type ReviewContext } from '@cavra/core';
import { commitAuthorNames, isGitlabBot } from './accounts.ts';
import { readApprovals } from './approvals.ts';
import { changedFileRequests, type ChangedFile } from './changed-files.ts';
import { describeFailure } from './failure.ts';
import { gitChangedFiles } from './git-changed-files.ts';
import { gitbeakerApi, type GitlabApi, type MergeRequestView } from './gitlab-api.ts';
import { GITLAB_TOKEN_VARIABLE, readGitlabJob, type GitlabJob } from './job-context.ts';

/** What the GitLab edge adds to a gate run. */
export interface GitlabChange {
  /** The merge request, for approvals and agent authorship; absent outside merge request pipelines or when the API could not be read. */
  review?: ReviewContext;
  /** The merge request's changed files as `write_file` requests. */
  requests: ActionRequest[];
  /** The approvers file read from the target branch, when there is one. */
  approvers?: ApproversFile;
  /** What the edge could not do, one line each. */
  limitations: string[];
}

export interface GitlabChangeOptions {
  /** The job's clone, for `git diff` when the API cannot list the changed files. */
  cwd: string;
}

/**
 * Reads the merge request of this GitLab job.
 *
 * @example
 * const change = await gitlabChange(process.env, { cwd: process.cwd() });
 */
export async function gitlabChange(env: Readonly<Record<string, string | undefined>>, options: GitlabChangeOptions): Promise<GitlabChange> {
  const job = readGitlabJob(env);
  if (!job) return { requests: [], limitations: [] };
  if (job.mergeRequestIid === undefined) {
    return { requests: [], limitations: ['not a merge request pipeline: only the agent sessions were judged, and approvals cannot be read'] };
  }
  const iid = job.mergeRequestIid;
  const api = gitbeakerApi({ serverUrl: job.serverUrl, ...(job.token ? { token: job.token } : {}) });
  const limitations: string[] = [];
  const tokenHint = job.token ? 'check that `CAVRA_GITLAB_TOKEN` has the `read_api` scope and at least the Reporter role' : `set \`${GITLAB_TOKEN_VARIABLE}\` to a project access token with \`read_api\``;

  let mr: MergeRequestView | undefined;
  try {
    mr = await api.mergeRequest(job.projectId, iid);
  } catch (error) {
    limitations.push(`merge request !${iid} could not be read through the API (${describeFailure(error)}): its approvals and authors are not known, so no approval can be satisfied; ${tokenHint}`);
  }
  const headSha = mr?.sha || job.headSha;
  if (mr?.sha && mr.sha !== job.headSha) limitations.push(`merge request !${iid} moved to \`${mr.sha.slice(0, 12)}\` after this pipeline started on \`${job.headSha.slice(0, 12)}\`; its pipeline decides`);

  const files = await changedFiles(api, job, mr, options.cwd, limitations);
  const requests = changedFileRequests(files, { sessionId: `gitlab-mr-${iid}`, actor: mr?.author.username ?? 'unknown' });
  if (!mr) return { requests, limitations };

  const approvers = await readApproversFile(api, job, mr, limitations);
  const commitAuthors = await readCommitAuthors(api, job.projectId, iid, limitations);
  let approvals: ReviewContext['approvals'] = [];
  try {
    const read = await readApprovals({ api, project: job.projectId, iid, headSha, approvers });
    approvals = read.approvals;
    limitations.push(...read.limitations);
  } catch (error) {
    limitations.push(`the approvals of !${iid} could not be read (${describeFailure(error)}); ${tokenHint}`);
  }
  const breakGlassBy = await readBreakGlassActor(api, job.projectId, mr, limitations);
  const review: ReviewContext = {
    provider: 'gitlab',
    changeId: String(iid),
    ...(mr.web_url ? { url: mr.web_url } : {}),
    headSha,
    ...(mr.diff_refs?.base_sha ? { baseSha: mr.diff_refs.base_sha } : {}),
    author: mr.author.username,
    authorIsBot: isGitlabBot(mr.author),
    commitAuthors,
    labels: mr.labels,
    ...(mr.description ? { body: mr.description } : {}),
    approvals,
    ...(breakGlassBy ? { breakGlassBy } : {}),
    limitations: [...limitations],
  };
  return { review, requests, ...(approvers ? { approvers } : {}), limitations };
}

// Fail closed: a merge request whose changed files cannot be listed is not judged at all.
async function changedFiles(api: GitlabApi, job: GitlabJob, mr: MergeRequestView | undefined, cwd: string, limitations: string[]): Promise<ChangedFile[]> {
  let apiFailure = 'the merge request could not be read';
  if (mr) {
    try {
      const files = await api.mergeRequestDiffs(job.projectId, mr.iid);
      const expected = Number(mr.changes_count);
      if (Number.isInteger(expected) && files.length < expected) {
        throw new CavraError('ERR_GITLAB_CHANGES_INCOMPLETE', `merge request !${mr.iid} lists ${files.length} of its ${expected} changed files`, { hint: 'rerun the job; if it persists, report it with the GitLab version' });
      }
      return files;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_GITLAB_CHANGES_INCOMPLETE') throw error;
      apiFailure = describeFailure(error);
    }
  }
  const base = mr?.diff_refs?.base_sha ?? job.diffBaseSha;
  const head = mr?.diff_refs?.head_sha ?? job.headSha;
  if (!base || !head) throw unreadableChanges(job, `${apiFailure}, and the pipeline has no diff base`);
  try {
    const files = await gitChangedFiles(cwd, base, head);
    limitations.push(`the changed files came from \`git diff\` in the job's clone (the API: ${apiFailure})`);
    return files;
  } catch (error) {
    throw unreadableChanges(job, `${apiFailure}, and \`git diff\` failed (${(error as Error).message.split('\n')[0]})`);
  }
}

function unreadableChanges(job: GitlabJob, why: string): CavraError {
  return new CavraError('ERR_GITLAB_CHANGES_UNREADABLE', `the changed files of merge request !${job.mergeRequestIid} could not be read: ${why}`, {
    hint: `set \`${GITLAB_TOKEN_VARIABLE}\` to a project access token with \`read_api\`, or run the job in an image with git`,
  });
}

// The approvers file comes from the target branch, never the change: an agent must not be able to
// name its own approvers.
async function readApproversFile(api: GitlabApi, job: GitlabJob, mr: MergeRequestView, limitations: string[]): Promise<ApproversFile | undefined> {
  let text: string | undefined;
  try {
    text = await api.rawFile(job.projectId, APPROVERS_FILE, mr.target_branch);
  } catch (error) {
    limitations.push(`\`${APPROVERS_FILE}\` could not be read from \`${mr.target_branch}\` (${describeFailure(error)}), so no approver group is known`);
    return undefined;
  }
  return text === undefined ? undefined : parseApprovers(text, `${APPROVERS_FILE}@${mr.target_branch}`);
}

async function readCommitAuthors(api: GitlabApi, project: string, iid: number, limitations: string[]): Promise<string[]> {
  try {
    const names = (await api.mergeRequestCommits(project, iid)).flatMap(commitAuthorNames);
    return [...new Set(names)];
  } catch (error) {
    limitations.push(`the commits of !${iid} could not be read (${describeFailure(error)}), so commit authors are unknown`);
    return [];
  }
}

// Who last added the break-glass label, from the merge request's label events.
async function readBreakGlassActor(api: GitlabApi, project: string, mr: MergeRequestView, limitations: string[]): Promise<LabelActor | undefined> {
  const label = BREAK_GLASS_LABEL.toLowerCase();
  if (!mr.labels.some((name) => name.toLowerCase() === label)) return undefined;
  try {
    const added = (await api.labelEvents(project, mr.iid)).filter((event) => event.action === 'add' && event.label?.name.toLowerCase() === label && event.user);
    const last = added.at(-1)?.user;
    return last ? { user: last.username, isBot: isGitlabBot(last) } : undefined;
  } catch (error) {
    limitations.push(`who applied \`${BREAK_GLASS_LABEL}\` could not be read (${describeFailure(error)})`);
    return undefined;
  }
}
