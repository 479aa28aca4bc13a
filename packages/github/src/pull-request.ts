// Everything the gate needs from a pull request: its changed files as write requests, its
// reviews, labels, authors and the approvers file, as one ReviewContext. What could not be read
// is said in `limitations`, and what could not be judged becomes a problem the gate blocks on.
import { createHash } from 'node:crypto';
import { BREAK_GLASS_LABEL, type ActionRequest, type ApproversFile, type LabelActor, type ReviewContext, type SessionProblem } from '@cavra/core';
import { readApproversAt } from './approvers-source.ts';
import { readChangedFiles } from './changed-files.ts';
import { apiFailure, type GitHubClient } from './github-client.ts';
import { readReviews } from './reviews.ts';
import type { GitHubRun, PullRequestRef } from './run-environment.ts';

/** GitHub lists at most 250 commits of a pull request. */
const LISTED_COMMITS_LIMIT = 250;

export interface PullRequestFacts {
  requests: ActionRequest[];
  review: ReviewContext;
  approvers?: ApproversFile;
  problems: SessionProblem[];
}

/** Gathers the pull request; a failure to read the change itself is a problem (fail closed), not a crash. */
export async function gatherPullRequest(client: GitHubClient, run: GitHubRun, ref: PullRequestRef, judgeChangedFiles: boolean): Promise<PullRequestFacts> {
  const { owner, repo } = run;
  const limitations: string[] = [];
  const { data: pr } = await client.rest.pulls.get({ owner, repo, pull_number: ref.number });
  const headSha = pr.head.sha;
  if (headSha !== ref.headSha) limitations.push(`the pull request moved to \`${headSha.slice(0, 12)}\` after this run started at \`${ref.headSha.slice(0, 12)}\`; the newer head was judged`);
  const author = pr.user.login;
  const sessionId = `github:${owner}/${repo}#${ref.number}`;

  const problems: SessionProblem[] = [];
  let requests: ActionRequest[] = [];
  if (judgeChangedFiles) {
    const files = await readChangedFiles(client, { owner, repo, pullNumber: ref.number, expected: pr.changed_files, author, sessionId });
    requests = files.requests;
    problems.push(...files.problems);
  }

  const commits = await client.paginate(client.rest.pulls.listCommits, { owner, repo, pull_number: ref.number, per_page: 100 });
  if (pr.commits > commits.length) limitations.push(`only ${commits.length} of ${pr.commits} commits were listed (GitHub lists at most ${LISTED_COMMITS_LIMIT}); authorship of the rest was not read`);
  // The API's account, not the commit's self-asserted name or trailers, says who authored a commit.
  const commitAuthors = [...new Set(commits.flatMap((commit) => (commit.author?.login ? [commit.author.login] : [])))];

  const approversRead = await readApproversAt(client, owner, repo, pr.base.sha);
  if (approversRead.limitation) limitations.push(approversRead.limitation);
  const reviews = await readReviews(client, { owner, repo, pullNumber: ref.number, headSha, ...(approversRead.approvers ? { approvers: approversRead.approvers } : {}) });
  limitations.push(...reviews.limitations);

  const labels = pr.labels.map((label) => label.name);
  const breakGlassBy = labels.some((name) => name.toLowerCase() === BREAK_GLASS_LABEL) ? await labelActor(client, owner, repo, ref.number, limitations) : undefined;

  const review: ReviewContext = {
    provider: 'github',
    changeId: String(ref.number),
    url: pr.html_url,
    headSha,
    baseSha: pr.base.sha,
    author,
    authorIsBot: pr.user.type === 'Bot',
    commitAuthors,
    labels,
    ...(pr.body ? { body: pr.body } : {}),
    approvals: reviews.approvals,
    ...(breakGlassBy ? { breakGlassBy } : {}),
    ...(limitations.length > 0 ? { limitations } : {}),
  };
  return { requests, review, ...(approversRead.approvers ? { approvers: approversRead.approvers } : {}), problems };
}

// Who applied the break-glass label last, from the issue's event history.
async function labelActor(client: GitHubClient, owner: string, repo: string, number: number, limitations: string[]): Promise<LabelActor | undefined> {
  try {
    const events = await client.paginate(client.rest.issues.listEvents, { owner, repo, issue_number: number, per_page: 100 });
    const labeled = events.filter((event) => event.event === 'labeled' && (event as { label?: { name?: string } }).label?.name?.toLowerCase() === BREAK_GLASS_LABEL);
    const last = labeled.at(-1);
    if (last?.actor) return { user: last.actor.login, isBot: last.actor.type === 'Bot' };
  } catch (error) {
    limitations.push(`who applied \`${BREAK_GLASS_LABEL}\` could not be read: ${apiFailure(error)}`);
  }
  return undefined;
}

/** A problem for a pull request that could not be read at all: the gate holds the change. */
export function unreadablePullRequest(run: GitHubRun, ref: PullRequestRef, error: unknown): SessionProblem {
  const message = `the pull request could not be read (${apiFailure(error)}); its changed files and reviews were not judged, so the change is held`;
  return { file: `github:${run.owner}/${run.repo}/pulls/${ref.number}`, line: 0, digest: `sha256:${createHash('sha256').update(message).digest('hex')}`, message };
}
