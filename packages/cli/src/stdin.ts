// Reading stdin whole. Kept apart from the rest of the CLI: the entry imports it, and it must not
// load the core.
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { CliIo } from './io.ts';

/** Reads all of the CLI's stdin. */
export function readStdin(io: CliIo): Promise<string> {
  return io.readStdin ? io.readStdin() : readStream(io.stdin);
}

/**
 * Reads all of this process's stdin from its file descriptor: a hook reads one event per
 * process, and creating the stdin stream costs it ~10 ms. A non-blocking descriptor (EAGAIN)
 * falls back to the stream.
 */
export async function readProcessStdin(): Promise<string> {
  try {
    return readFileSync(0, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    return readStream(process.stdin);
  }
}

/** Reads a whole stream (stdin for `-`) as UTF-8; chunks are joined first, so no character is split. */
export async function readStream(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
