import { readFileSync } from 'node:fs';
import { CavraError } from '../errors.ts';

/** Reads a JSON object file named by a gate option; errors name the option, never the content. */
export function readJsonObjectFile(file: string, option: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read the \`${option}\` file \`${file}\`: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause,
      hint: 'check the path',
      details: { option, problem: `file \`${file}\` cannot be read: ${(cause as NodeJS.ErrnoException).code ?? 'error'}` },
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new CavraError('ERR_INPUT_INVALID_JSON', `the \`${option}\` file \`${file}\` is not valid JSON`, { cause, details: { option, problem: `file \`${file}\` is not valid JSON` } });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CavraError('ERR_INPUT_INVALID_JSON', `the \`${option}\` file \`${file}\` is not a JSON object`, { details: { option, problem: `file \`${file}\` is not a JSON object` } });
  }
  return value as Record<string, unknown>;
}
