import { getOctokit } from '@actions/github';

/** Octokit with the REST methods and pagination, as @actions/github builds it. */
export type GitHubClient = ReturnType<typeof getOctokit>;

/** A client for this run's API (GHES included); the base URL is read at run time, not at import. */
export function openGitHubClient(token: string, apiUrl: string): GitHubClient {
  return getOctokit(token, { baseUrl: apiUrl, userAgent: 'cavra-gate-action' });
}

/** The HTTP status of an Octokit request error, if it is one. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** One line that says what the API refused, without echoing headers or tokens. */
export function apiFailure(error: unknown): string {
  const status = httpStatusOf(error);
  const message = ((error as { message?: unknown } | null)?.message ?? String(error)) as string;
  return status === undefined ? message.split('\n')[0]! : `HTTP ${status}: ${message.split('\n')[0]!.slice(0, 200)}`;
}
