// What the runner tells a JavaScript Action through its environment, read once into one typed
// object (as @actions/github's Context does, but at run time rather than at import, so a host
// that sets the environment after loading the bundle still works).
import { readFileSync } from 'node:fs';
import { CavraError } from '@cavra/core';

/** The pull-request events whose change the Action judges; other events judge sessions only. */
export const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target', 'pull_request_review'] as const;

/** The pull request as the event payload names it. */
export interface PullRequestRef {
  number: number;
  headSha: string;
  baseSha: string;
  /** The head branch lives in another repository (a fork): the token is read-only and there is no OIDC token. */
  fromFork: boolean;
}

export interface GitHubRun {
  owner: string;
  repo: string;
  eventName: string;
  pullRequest?: PullRequestRef;
  /** The commit the workflow ran on (the merge commit on `pull_request`). */
  sha: string;
  actor: string;
  apiUrl: string;
  serverUrl: string;
  /** `owner/repo/.github/workflows/x.yml@ref`: the identity keyless signing certifies. */
  workflowRef: string;
  runId: string;
  runAttempt: string;
  workspace: string;
  tempDir: string;
  /** Whether the job may ask for an OIDC token (`id-token: write`, not a fork or Dependabot run). */
  canRequestIdToken: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/** Reads the run from the runner's environment and the event payload. */
export function readGitHubRun(env: Readonly<Record<string, string | undefined>>): GitHubRun {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = repository.split('/');
  if (!owner || !repo) {
    throw new CavraError('ERR_CONFIG_INVALID', '`GITHUB_REPOSITORY` is not set to `owner/repo`', { hint: 'run the Action in a GitHub Actions job' });
  }
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  return {
    owner,
    repo,
    eventName,
    ...pullRequestOf(eventName, payload, repository),
    sha: env.GITHUB_SHA ?? '',
    actor: env.GITHUB_ACTOR ?? '',
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl,
    workflowRef: env.GITHUB_WORKFLOW_REF ?? '',
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    tempDir: env.RUNNER_TEMP ?? env.GITHUB_WORKSPACE ?? process.cwd(),
    canRequestIdToken: Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN),
    env,
  };
}

function readPayload(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read the event payload \`${path}\``, { cause, hint: 'the runner writes it; check `GITHUB_EVENT_PATH`' });
  }
}

// attacker-controlled (on forks): branch names and repository names; only numbers and SHAs are used.
function pullRequestOf(eventName: string, payload: Record<string, unknown>, repository: string): { pullRequest?: PullRequestRef } {
  if (!(PULL_REQUEST_EVENTS as readonly string[]).includes(eventName)) return {};
  const pr = payload.pull_request as
    | { number?: unknown; head?: { sha?: unknown; repo?: { full_name?: unknown } | null }; base?: { sha?: unknown } }
    | undefined;
  if (!pr || typeof pr.number !== 'number' || typeof pr.head?.sha !== 'string') {
    throw new CavraError('ERR_INPUT_UNREADABLE', `the \`${eventName}\` event payload names no pull request`, { hint: 'run the Action on a pull-request event, or on push to judge sessions only' });
  }
  const headRepo = pr.head.repo?.full_name;
  return {
    pullRequest: {
      number: pr.number,
      headSha: pr.head.sha,
      baseSha: typeof pr.base?.sha === 'string' ? pr.base.sha : '',
      // A deleted fork has no head repository: treat it as a fork (fewer rights, never more).
      fromFork: typeof headRepo !== 'string' || headRepo.toLowerCase() !== repository.toLowerCase(),
    },
  };
}
