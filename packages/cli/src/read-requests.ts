import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { CavraError, assertActionRequest, parseExactJson, type ActionRequest } from '@cavra/core';

/** Reads a JSON Lines batch from a file or `-` (stdin); any bad line fails the whole batch. */
export async function readRequests(source: string, stdin: Readable): Promise<ActionRequest[]> {
  const bytes = source === '-' ? await readStreamBytes(stdin) : await readBatchFile(source);
  const requests: ActionRequest[] = [];
  let index = 0;
  for (let start = 0; start < bytes.length; index += 1) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    const line = bytes.subarray(start, end);
    start = end + 1;
    if (line.toString('latin1').trim() === '') continue;
    const where = `${source === '-' ? 'stdin' : `\`${source}\``} line ${index + 1}`;
    // Exactly as sent, or refused: see parseExactJson.
    const value = parseExactJson(line, where);
    assertActionRequest(value, where);
    requests.push(value);
  }
  return requests;
}

async function readStreamBytes(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

async function readBatchFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read batch \`${file}\`: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause,
      hint: 'pass a JSON Lines file, or `-` to read standard input',
    });
  }
}
