import canonicalize from 'canonicalize';
import { CavraError } from '../errors.ts';
import { setMember } from './json-member.ts';
import { isWellFormed } from './unicode.ts';

/**
 * RFC 8785 (JCS) canonical JSON of a value, through the maintained `canonicalize` library.
 * Throws `ERR_EVIDENCE_INVALID` for values JCS refuses (lone surrogates, non-finite numbers, BigInt).
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (cause) {
    throw new CavraError('ERR_EVIDENCE_INVALID', `value cannot be canonicalised: ${(cause as Error).message}`, { cause });
  }
  if (text === undefined) throw new CavraError('ERR_EVIDENCE_INVALID', 'value cannot be canonicalised: it is undefined');
  return text;
}

/**
 * A deep copy whose object keys are inserted in RFC 8785 order, so that `JSON.stringify(copy)`
 * equals `canonicalJson(value)` (checked against the library in tests). Returns `undefined` when
 * the fast path cannot promise that: an integer-like key (JS orders those numerically) or a
 * string that is not well-formed UTF-16; callers then fall back to {@link canonicalJson}.
 */
export function sortedCopy(value: unknown): unknown {
  try {
    return sortValue(value);
  } catch (error) {
    if (error === NOT_FAST) return undefined;
    throw error;
  }
}

/** RFC 8785 canonical JSON, fast when keys can be pre-sorted (about 5x faster than the library). */
export function fastCanonicalJson(value: unknown): string {
  const sorted = sortedCopy(value);
  return sorted === undefined ? canonicalJson(value) : JSON.stringify(sorted);
}

/**
 * Whether `JSON.stringify` of a value parsed from JSON text is its RFC 8785 form as it stands:
 * every object's keys already in UTF-16 order (none integer-like, which JS would reorder) and
 * every string well-formed. Then the parsed value is its own {@link sortedCopy}, and a reader can
 * compare `JSON.stringify(value)` with the text without copying it.
 */
export function isCanonicallyOrdered(value: unknown): boolean {
  if (typeof value === 'string') return isWellFormed(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!isCanonicallyOrdered(item)) return false;
    return true;
  }
  let previous: string | undefined;
  for (const key in value) {
    if ((previous !== undefined && !(previous < key)) || INTEGER_LIKE.test(key) || !isWellFormed(key)) return false;
    if (!isCanonicallyOrdered((value as Record<string, unknown>)[key])) return false;
    previous = key;
  }
  return true;
}

const NOT_FAST = Symbol('not-fast');
const INTEGER_LIKE = /^(0|[1-9][0-9]*)$/;

function sortValue(value: unknown): unknown {
  if (typeof value === 'string') {
    if (!isWellFormed(value)) throw NOT_FAST;
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw NOT_FAST;
    return value;
  }
  if (value === null || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => (item === undefined || typeof item === 'function' ? null : sortValue(item)));
  if (typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') throw NOT_FAST;
    // JCS sorts by UTF-16 code units, which is what the default Array#sort comparison does.
    const keys = Object.keys(value).sort();
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      if (INTEGER_LIKE.test(key) || !isWellFormed(key)) throw NOT_FAST;
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      setMember(out, key, sortValue(item));
    }
    return out;
  }
  throw NOT_FAST;
}
