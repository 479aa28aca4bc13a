import { readFileSync } from 'node:fs';
import { CavraError } from '@cavra/core';

/** Reads a file given on the command line; errors name the flag, never the content. */
export function readInput(file: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read \`--${flag}\` file \`${file}\`: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, { cause });
  }
}

/** Reads a JSON object file given on the command line. */
export function readJsonObject(file: string, flag: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(readInput(file, flag).toString('utf8'));
  } catch (cause) {
    if ((cause as CavraError).code === 'ERR_INPUT_UNREADABLE') throw cause;
    throw new CavraError('ERR_INPUT_INVALID_JSON', `\`--${flag}\` file \`${file}\` is not valid JSON`, { cause });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CavraError('ERR_INPUT_INVALID_JSON', `\`--${flag}\` file \`${file}\` is not a JSON object`);
  return value as Record<string, unknown>;
}
