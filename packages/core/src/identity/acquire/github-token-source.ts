import type { FetchLike } from '../limited-fetch.ts';
import { RunnerToken, type RunnerEnv, type RunnerTokenSource } from './runner-token.ts';
import { failed, requestToken } from './token-response.ts';

// The job's token request endpoint (actions/toolkit `core.getIDToken`): GET with the request
// token as bearer, `audience` as a query parameter, token in JSON field `value`.
/** GitHub Actions: needs `permissions: id-token: write`; fork pull requests get no token. */
export class GitHubTokenSource implements RunnerTokenSource {
  private readonly env: RunnerEnv;
  private readonly audience: string;
  private readonly fetchImpl: FetchLike;
  private readonly timeoutMs: number;

  constructor(env: RunnerEnv, audience: string, fetchImpl: FetchLike, timeoutMs = 10_000) {
    this.env = env;
    this.audience = audience;
    this.fetchImpl = fetchImpl;
    this.timeoutMs = timeoutMs;
  }

  async acquire(): Promise<RunnerToken> {
    const requestUrl = this.env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const bearer = this.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (!requestUrl || !bearer) {
      throw failed('github-actions', 'the job has no id token request url', undefined, 'add `permissions: id-token: write` to the job; pull requests from forks never get a token');
    }
    const url = new URL(requestUrl);
    url.searchParams.set('audience', this.audience);
    const token = await requestToken('github-actions', this.fetchImpl, url, { headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' } }, 'value', this.timeoutMs);
    return new RunnerToken(token, 'github-actions');
  }
}
