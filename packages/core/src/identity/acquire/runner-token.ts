/**
 * A token in memory that does not print itself: `String()`, JSON and `util.inspect` show
 * `[redacted token]`, so a token cannot leak through a log line or an evidence record by accident.
 * Call `reveal()` only to hand it to the verifier.
 */
export class RunnerToken {
  readonly #value: string;
  /** Where the token came from (`github-actions`, `gitlab-ci`, `azure-pipelines`, `explicit`, `file`). */
  readonly source: string;

  constructor(value: string, source: string) {
    this.#value = value;
    this.source = source;
  }

  /** The compact JWT. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted token]';
  }

  toJSON(): string {
    return '[redacted token]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `RunnerToken(${this.source}, [redacted])`;
  }
}

/** Gets this run's OIDC token from wherever the provider offers it. */
export interface RunnerTokenSource {
  acquire(): Promise<RunnerToken>;
}

/** The environment as read once at the edge; core never reads `process.env`. */
export type RunnerEnv = Readonly<Record<string, string | undefined>>;
