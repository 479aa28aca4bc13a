// One short, secret-free description of a failed GitLab request, for limitations and errors.
import { statusOf } from './gitlab-api.ts';

const HINTS: Readonly<Record<number, string>> = {
  401: '401 unauthorized',
  403: '403 forbidden',
  404: '404 not found',
};

/** `403 forbidden`, `HTTP 500`, or the network error's name; never a header or a token. */
export function describeFailure(error: unknown): string {
  const status = statusOf(error);
  if (status !== undefined) return HINTS[status] ?? `HTTP ${status}`;
  const name = (error as { name?: unknown } | undefined)?.name;
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof code === 'string' ? code : typeof name === 'string' ? name : 'request failed';
}
