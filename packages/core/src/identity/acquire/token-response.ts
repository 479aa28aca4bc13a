import { CavraError } from '../../errors.ts';
import type { FetchLike } from '../limited-fetch.ts';

const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Calls a provider's token endpoint and returns the JWT in JSON field `field`; errors never echo the body or a token. */
export async function requestToken(provider: string, fetchImpl: FetchLike, url: URL, init: RequestInit, field: string, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetchImpl(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    throw failed(provider, `could not reach \`${url.host}\``, cause);
  }
  if (!response.ok) throw failed(provider, `\`${url.host}\` answered http ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_TOKEN_RESPONSE_BYTES) throw failed(provider, 'the token response is too large');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw failed(provider, 'the token response is not json');
  }
  const token = (body as Record<string, unknown> | null)?.[field];
  if (typeof token !== 'string' || !JWT_SHAPE.test(token.trim())) throw failed(provider, `the token response has no jwt in \`${field}\``);
  return token.trim();
}

/** An `ERR_TOKEN_ACQUIRE_FAILED` for one provider. */
export function failed(provider: string, what: string, cause?: unknown, hint?: string): CavraError {
  return new CavraError('ERR_TOKEN_ACQUIRE_FAILED', `${provider} oidc token: ${what}`, { cause, hint, details: { provider } });
}
