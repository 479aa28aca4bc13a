import type { Readable, Writable } from 'node:stream';
import { readStream, type ProcessIo } from './process-io.ts';

/** The streams a command talks to; injected so that tests can run commands in-process. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  /** The process's own descriptors, when the streams above are the process's (not a test's). */
  process?: ProcessIo;
}

/** Exit codes from CONTRACTS.md. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type Command = (args: string[], io: CliIo) => Promise<ExitCode>;

/** Reads all of the CLI's stdin. */
export function readStdin(io: CliIo): Promise<string> {
  return io.process ? io.process.readStdin() : readStream(io.stdin);
}

/** Writes the whole of a command's standard output. */
export function writeStdout(io: CliIo, text: string): Promise<void> {
  return io.process ? io.process.writeStdout(text) : writeAll(io.stdout, text);
}

/** Writes to standard error; nothing, not even the stream, when there is nothing to say. */
export function writeStderr(io: CliIo, text: string): Promise<void> {
  return text === '' ? Promise.resolve() : writeAll(io.stderr, text);
}

/** Writes everything at once, so a command that fails later has printed nothing partial. */
export function writeAll(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (text === '') return resolve();
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
