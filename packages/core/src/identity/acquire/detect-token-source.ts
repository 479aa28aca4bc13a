import { CavraError } from '../../errors.ts';
import { detectProvider } from '../../gate/providers.ts';
import type { FetchLike } from '../limited-fetch.ts';
import { AzurePipelinesTokenSource } from './azure-token-source.ts';
import { ExplicitTokenSource, FileTokenSource } from './explicit-token-source.ts';
import { GitHubTokenSource } from './github-token-source.ts';
import { GitLabTokenSource } from './gitlab-token-source.ts';
import type { RunnerEnv, RunnerTokenSource } from './runner-token.ts';

/** How to find this run's token. */
export interface RunnerTokenSourceOptions {
  env: RunnerEnv;
  fetch: FetchLike;
  /** The audience to request (GitHub); GitLab sets it in `id_tokens:`, Azure's is fixed. */
  audience: string;
  /** A token given directly; wins over everything else. */
  token?: string;
  /** A token file; wins over the provider's own token. */
  tokenFile?: string;
  readText?: (path: string) => Promise<string>;
  /** GitLab: the `id_tokens:` variable; default `CAVRA_ID_TOKEN`. */
  gitlabTokenVariable?: string;
  /** Azure: request a service-connection token instead of the pipeline token. */
  azureServiceConnectionId?: string;
}

/** Picks the token source: explicit token, token file, then the CI provider the environment shows. */
export function runnerTokenSource(options: RunnerTokenSourceOptions): RunnerTokenSource {
  const { env } = options;
  if (options.token !== undefined) return new ExplicitTokenSource(options.token);
  if (options.tokenFile !== undefined) {
    if (!options.readText) throw new TypeError('runnerTokenSource needs `readText` for a token file');
    return new FileTokenSource(options.tokenFile, options.readText);
  }
  switch (detectProvider(env)) {
    case 'github':
      return new GitHubTokenSource(env, options.audience, options.fetch);
    case 'gitlab':
      return new GitLabTokenSource(env, options.gitlabTokenVariable);
    case 'azure':
      return new AzurePipelinesTokenSource(env, options.fetch, options.azureServiceConnectionId);
    case 'local':
      break;
  }
  throw new CavraError('ERR_TOKEN_ACQUIRE_FAILED', 'no runner token: not in github actions, gitlab ci or azure pipelines, and no token or token file given', {
    hint: 'pass a token file, or run in a ci job that can issue oidc tokens',
  });
}
