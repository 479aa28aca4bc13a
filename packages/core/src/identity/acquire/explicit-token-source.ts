import { CavraError } from '../../errors.ts';
import { RunnerToken, type RunnerTokenSource } from './runner-token.ts';

/** A token given directly (a flag or an input). */
export class ExplicitTokenSource implements RunnerTokenSource {
  readonly #token: string;

  constructor(token: string) {
    this.#token = token.trim();
  }

  async acquire(): Promise<RunnerToken> {
    if (this.#token === '') throw new CavraError('ERR_TOKEN_ACQUIRE_FAILED', 'the given token is empty');
    return new RunnerToken(this.#token, 'explicit');
  }
}

/** A token read from a file, through the reader the edge injects (core does no file I/O here). */
export class FileTokenSource implements RunnerTokenSource {
  private readonly path: string;
  private readonly readText: (path: string) => Promise<string>;

  constructor(path: string, readText: (path: string) => Promise<string>) {
    this.path = path;
    this.readText = readText;
  }

  async acquire(): Promise<RunnerToken> {
    let text: string;
    try {
      text = await this.readText(this.path);
    } catch (cause) {
      throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read token file \`${this.path}\``, { cause, details: { file: this.path } });
    }
    const token = text.trim();
    if (token === '') throw new CavraError('ERR_TOKEN_ACQUIRE_FAILED', `token file \`${this.path}\` is empty`, { details: { file: this.path } });
    return new RunnerToken(token, 'file');
  }
}
