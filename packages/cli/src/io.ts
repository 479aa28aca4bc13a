import type { Readable, Writable } from 'node:stream';

/** The streams a command talks to; injected so that tests can run commands in-process. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  /** Reads all of stdin at once, where that is cheaper than the stream (the process's own stdin). */
  readStdin?: () => Promise<string>;
}

/** Exit codes from CONTRACTS.md. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type Command = (args: string[], io: CliIo) => Promise<ExitCode>;

/** Writes everything at once, so a command that fails later has printed nothing partial. */
export function writeAll(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (text === '') return resolve();
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
