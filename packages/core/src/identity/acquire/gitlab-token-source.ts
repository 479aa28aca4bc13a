import { RunnerToken, type RunnerEnv, type RunnerTokenSource } from './runner-token.ts';
import { failed } from './token-response.ts';

/** The variable read when the user names none. */
export const DEFAULT_GITLAB_TOKEN_VARIABLE = 'CAVRA_ID_TOKEN';

// GitLab puts each `id_tokens:` entry in a variable the job names; `CI_JOB_JWT*` were removed in 17.0.
/** GitLab CI/CD: the token from the job's `id_tokens:` variable (`id_tokens: { CAVRA_ID_TOKEN: { aud: … } }`). */
export class GitLabTokenSource implements RunnerTokenSource {
  private readonly env: RunnerEnv;
  private readonly variable: string;

  constructor(env: RunnerEnv, variable = DEFAULT_GITLAB_TOKEN_VARIABLE) {
    this.env = env;
    this.variable = variable;
  }

  async acquire(): Promise<RunnerToken> {
    const token = this.env[this.variable]?.trim();
    if (!token) {
      throw failed('gitlab-ci', `variable \`${this.variable}\` is empty`, undefined, `add \`id_tokens: { ${this.variable}: { aud: <audience> } }\` to the job`);
    }
    return new RunnerToken(token, 'gitlab-ci');
  }
}
