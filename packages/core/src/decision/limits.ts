import { CavraError } from '../errors.ts';
import type { ActionRequest } from './types.ts';

// Size caps on what one decision reads. Matching is linear, but a hook that decides a
// multi-megabyte line still stalls the agent, and a stalled hook fails open in most agents; so
// an oversized request is refused with a one-line error and decided `block` (fail closed).

/** The longest `target` (or `command`) decided, in UTF-16 code units: 256 KiB. */
export const MAX_TARGET_LENGTH = 256 * 1024;
/** The largest request decided, all its strings and its release record together: 1 MiB. */
export const MAX_REQUEST_LENGTH = 1024 * 1024;

/** Throws `ERR_REQUEST_TOO_LARGE` when a request is over the caps. */
export function assertRequestSize(request: ActionRequest): void {
  let total = 0;
  for (const field of Object.keys(request)) {
    const value: unknown = request[field as keyof ActionRequest];
    if (typeof value === 'string') {
      if ((field === 'target' || field === 'command') && value.length > MAX_TARGET_LENGTH) {
        throw tooLarge(`\`${field}\` is ${value.length} characters, over the cap of ${MAX_TARGET_LENGTH}`);
      }
      total += value.length;
    } else if (value !== undefined && value !== null && typeof value === 'object') {
      total += JSON.stringify(value)?.length ?? 0;
    }
    if (total > MAX_REQUEST_LENGTH) throw tooLarge(`the request is over the cap of ${MAX_REQUEST_LENGTH} characters`);
  }
}

function tooLarge(what: string): CavraError {
  return new CavraError('ERR_REQUEST_TOO_LARGE', `request too large: ${what}; split the action or write the content with a file tool`, {
    hint: 'an oversized request is blocked: a decision must not stall the agent',
  });
}
