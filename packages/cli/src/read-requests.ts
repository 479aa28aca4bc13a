import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { CavraError, assertActionRequest, type ActionRequest } from '@cavra/core';
import { readStream } from './read-input.ts';

/** Reads a JSON Lines batch from a file or `-` (stdin); any bad line fails the whole batch. */
export async function readRequests(source: string, stdin: Readable): Promise<ActionRequest[]> {
  const text = source === '-' ? await readStream(stdin) : await readBatchFile(source);
  const requests: ActionRequest[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!.trim();
    if (line === '') continue;
    const where = `${source === '-' ? 'stdin' : `\`${source}\``} line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      throw new CavraError('ERR_INPUT_INVALID_JSON', `${where} is not valid JSON: ${(cause as Error).message}`, {
        cause,
        hint: 'each line of a batch is one JSON request',
      });
    }
    assertActionRequest(value, where);
    requests.push(value);
  }
  return requests;
}

async function readBatchFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read batch \`${file}\`: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause,
      hint: 'pass a JSON Lines file, or `-` to read standard input',
    });
  }
}
