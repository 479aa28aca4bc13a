import { CavraError } from '../errors.ts';

/** The `fetch` the identity code is given (global `fetch` in production, anything compatible in tests). */
export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** Largest JWKS or discovery document we read (upstream used 1 MiB too). */
export const DEFAULT_MAX_DOCUMENT_BYTES = 1024 * 1024;

// attacker-controlled: a hostile or broken endpoint may stream without end; stop reading at the limit.
/** Wraps `fetch` so every response body is read at most `maxBytes` bytes, then re-served from memory. */
export function limitedFetch(fetchImpl: FetchLike, maxBytes: number): FetchLike {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    const body = await readLimited(response, maxBytes);
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (response.body === null) return null;
  const reader = response.body.getReader();
  const body = new Uint8Array(maxBytes);
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return body.slice(0, total);
    if (total + value.byteLength > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new CavraError('ERR_TOKEN_JWKS_UNAVAILABLE', `a key document is larger than ${maxBytes} bytes`, {
        hint: 'check the jwks or discovery url',
        details: { maxBytes },
      });
    }
    body.set(value, total);
    total += value.byteLength;
  }
}
