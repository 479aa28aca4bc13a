import { CavraError } from '../errors.ts';
import { MAX_REDACT_DEPTH } from './redact.ts';
import { isWellFormed } from './unicode.ts';

// Evidence records the request as sent. JSON.parse silently changes some inputs: `1e400`
// becomes Infinity (then null), `12345678901234567890` loses digits, `-0.0` becomes 0 in
// RFC 8785, invalid UTF-8 becomes U+FFFD and a lone `\ud800` escape cannot be canonicalised.
// Such a request is refused here, with the reason, before anything is decided or recorded.

/** The largest request (one JSON line) accepted, in bytes. */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** Deepest nesting accepted in a request (redaction elides anything deeper). */
export const MAX_REQUEST_DEPTH = MAX_REDACT_DEPTH;

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses one request's JSON exactly or refuses it (`ERR_INPUT_INVALID_JSON`, naming `where`).
 * attacker-controlled: the bytes.
 */
export function parseExactJson(input: string | Uint8Array, where: string): unknown {
  if (input.length > MAX_REQUEST_BYTES) throw refuse(where, `is larger than ${MAX_REQUEST_BYTES} bytes`);
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = UTF8.decode(input);
    } catch {
      throw refuse(where, 'is not valid UTF-8');
    }
  }
  checkTokens(text, where);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new CavraError('ERR_INPUT_INVALID_JSON', `${where} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  checkStrings(value, where);
  return value;
}

// One pass over the text outside strings: nesting depth and every number token. Not a
// validator (JSON.parse is); it only sees what JSON.parse would change.
function checkTokens(text: string, where: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i += 1; i < text.length && text.charCodeAt(i) !== 0x22; i += 1) if (text.charCodeAt(i) === 0x5c) i += 1;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_REQUEST_DEPTH) throw refuse(where, `is nested deeper than ${MAX_REQUEST_DEPTH} levels`);
    } else if (c === 0x5d || c === 0x7d) {
      depth -= 1;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match) continue;
      checkNumber(match[0], where);
      i += match[0].length - 1;
    }
  }
}

function checkNumber(token: string, where: string): void {
  const value = Number(token);
  const shown = token.length > 40 ? `${token.slice(0, 40)}…` : token;
  if (!Number.isFinite(value)) throw refuse(where, `has the number \`${shown}\`, beyond what JSON numbers can hold (send it as a string)`);
  if (Object.is(value, -0)) throw refuse(where, `has the number \`${shown}\` (negative zero), which canonical JSON writes as 0 (send it as a string)`);
  const digits = token.replace(/^-/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  const exact = /^-?[0-9]+$/.test(token) ? BigInt(token) === BigInt(value) : digits.length <= 17;
  if (!exact) throw refuse(where, `has the number \`${shown}\`, which a double cannot hold exactly (send it as a string)`);
}

// Lone surrogates (`\ud800` escapes) in strings or member names, walked without recursion.
function checkStrings(value: unknown, where: string): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (!isWellFormed(item)) throw refuse(where, 'has a string with a lone surrogate (`\\ud800`…), which is not Unicode text');
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (!isWellFormed(key)) throw refuse(where, 'has a member name with a lone surrogate, which is not Unicode text');
        stack.push(child);
      }
    }
  }
}

function refuse(where: string, what: string): CavraError {
  return new CavraError('ERR_INPUT_INVALID_JSON', `${where} ${what}; refusing rather than recording it changed`, { hint: 'evidence records each request exactly as sent' });
}
