import { PassThrough, Readable } from 'node:stream';

/** An in-memory `CliIo` (packages/cli/src/io.ts) whose output the test reads back. */
export function memoryIo(): { io: { stdout: PassThrough; stderr: PassThrough; stdin: Readable }; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (chunk: Buffer) => chunks.out.push(chunk));
  stderr.on('data', (chunk: Buffer) => chunks.err.push(chunk));
  return {
    io: { stdout, stderr, stdin: Readable.from([]) },
    out: () => Buffer.concat(chunks.out).toString('utf8'),
    err: () => Buffer.concat(chunks.err).toString('utf8'),
  };
}
