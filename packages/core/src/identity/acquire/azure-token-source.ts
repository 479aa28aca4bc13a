import type { FetchLike } from '../limited-fetch.ts';
import { RunnerToken, type RunnerEnv, type RunnerTokenSource } from './runner-token.ts';
import { failed, requestToken } from './token-response.ts';

/** The API version of the Azure DevOps `oidctoken` endpoint. */
export const AZURE_OIDC_API_VERSION = '7.1-preview.1';

// POST {System.OidcRequestUri}?api-version=7.1-preview.1[&serviceConnectionId=…] with the job
// access token as bearer and an empty body → `{ "oidcToken": "<jwt>" }` (ci-providers.md §3.6).
/** Azure Pipelines: needs `SYSTEM_ACCESSTOKEN` mapped into the step's environment. */
export class AzurePipelinesTokenSource implements RunnerTokenSource {
  private readonly env: RunnerEnv;
  private readonly fetchImpl: FetchLike;
  private readonly serviceConnectionId: string | undefined;
  private readonly timeoutMs: number;

  constructor(env: RunnerEnv, fetchImpl: FetchLike, serviceConnectionId?: string, timeoutMs = 10_000) {
    this.env = env;
    this.fetchImpl = fetchImpl;
    this.serviceConnectionId = serviceConnectionId;
    this.timeoutMs = timeoutMs;
  }

  async acquire(): Promise<RunnerToken> {
    const requestUri = this.env.SYSTEM_OIDCREQUESTURI;
    const accessToken = this.env.SYSTEM_ACCESSTOKEN;
    if (!requestUri) throw failed('azure-pipelines', '`SYSTEM_OIDCREQUESTURI` is not set', undefined, 'run inside an azure pipelines job');
    if (!accessToken) throw failed('azure-pipelines', '`SYSTEM_ACCESSTOKEN` is not set', undefined, 'map it in the step: `env: { SYSTEM_ACCESSTOKEN: $(System.AccessToken) }`');
    const url = new URL(requestUri);
    url.searchParams.set('api-version', AZURE_OIDC_API_VERSION);
    if (this.serviceConnectionId) url.searchParams.set('serviceConnectionId', this.serviceConnectionId);
    const init: RequestInit = { method: 'POST', headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', 'content-type': 'application/json' }, body: '' };
    return new RunnerToken(await requestToken('azure-pipelines', this.fetchImpl, url, init, 'oidcToken', this.timeoutMs), 'azure-pipelines');
  }
}
