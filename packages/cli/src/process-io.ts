// The process's own stdin and stdout by file descriptor. Kept apart from the rest of the CLI, so
// that the hook bundle and the CLI's entry chunks take it without loading the core.
import { readFileSync, writeSync } from 'node:fs';
import type { Readable } from 'node:stream';

/** Whole reads and writes on the process's descriptors, where they are cheaper than the streams. */
export interface ProcessIo {
  readStdin(): Promise<string>;
  writeStdout(text: string): Promise<void>;
}

/**
 * A hook reads one event and writes one answer per process: creating the stdin and stdout
 * streams cost it ~15 ms per tool call. A non-blocking descriptor (EAGAIN) falls back to the
 * stream.
 */
export const processIo: ProcessIo = {
  async readStdin() {
    try {
      return readFileSync(0, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      return readStream(process.stdin);
    }
  },
  async writeStdout(text) {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(1, bytes, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      await new Promise<void>((resolve, reject) => process.stdout.write(bytes.subarray(written), (failure) => (failure ? reject(failure) : resolve())));
    }
  },
};

/** Reads a whole stream (stdin for `-`) as UTF-8; chunks are joined first, so no character is split. */
export async function readStream(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
