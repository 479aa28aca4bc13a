import { setMember } from './json-member.ts';
import { findSecrets, secretRulesLoaded } from './secret-rules.ts';
import { toWellFormed } from './unicode.ts';
// Secrets never reach the evidence log: requests are copied with secret-looking members and
// token-shaped substrings replaced, before anything is hashed or written.

/** The placeholder that replaces a redacted value. */
export const REDACTED = '<redacted>';

// Member names whose whole value is a secret (compared lowercase, `-` read as `_`).
const SECRET_KEY = /(^|_)(token|secret|password|passwd|passphrase|signature|authorization|auth_header|cookie|api_?key|private_?key|client_secret|credentials?|session_key|access_key|hmac_key)($|_)/;

// Token shapes redacted wherever they appear inside strings (command lines, targets, …).
const SECRET_PATTERNS: readonly RegExp[] = [
  /eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, // JWT (OIDC tokens)
  /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,})/g, // GitHub, GitLab tokens
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key ids
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, // Slack tokens
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /(\b[Bb]earer\s+)[A-Za-z0-9._~+/=-]{8,}/g,
  /(\bauthorization["']?\s*[:=]\s*["']?(?:basic|bearer|digest|token|negotiate|ntlm)?\s*)[^\s"',;]{4,}/gi, // Authorization headers of any scheme
  /\b(?:sk-(?:proj-|ant-[a-z0-9]+-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}|npm_[A-Za-z0-9]{30,}|[sr]k_(?:live|test)_[A-Za-z0-9]{10,})/g, // OpenAI, Anthropic, npm, Stripe
  // NAME=value for secret-like names: AWS_SECRET_ACCESS_KEY=…, PGPASSWORD=…, --db-password=…
  /(\b[A-Za-z0-9_.-]*(?:secret|token|passw(?:or)?d|pwd|pass|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|auth|sig(?:nature)?)=)("[^"]*"|'[^']*'|[^\s&'"]+)/gi,
  /(\bmysql(?:dump|admin|sh)?\b[^\n|;&]*?\s-p)([^\s'"]+)/g, // mysql -pPASSWORD (no space)
  /(\s(?:-u|--user)\s+['"]?[^:\s'"]+:)([^\s'"@]+)/g, // curl -u user:password
  /(:\/\/[^:/@\s]*:)[^@\s]+(@)/g, // credentials in URLs
];

/**
 * A copy of a request with secrets redacted, object keys sorted for RFC 8785 and strings made
 * well-formed (lone surrogates become U+FFFD, so that the record can always be canonicalised).
 * attacker-controlled: the whole request.
 */
export function redactRequest(request: unknown, secrets?: readonly string[]): unknown {
  return withRuleSecrets(request, secrets, () => redactValue(request, false, 0));
}

/** Values nested deeper than this are replaced, so that no stack overflows on hostile JSON. */
export const MAX_REDACT_DEPTH = 64;

/** What replaces a value nested deeper than {@link MAX_REDACT_DEPTH}. */
export const TOO_DEEP = `<elided: nested deeper than ${MAX_REDACT_DEPTH} levels>`;

// Secrets secretlint's rules found in the record being redacted (longest first), replaced in every string.
let ruleSecrets: readonly string[] = [];

// Secretlint's rules cost ~25 µs a call, so they run only on strings holding a token-like run:
// 20+ characters of letters, digits, `_`, `+`, `=` mixing upper case, lower case and digits,
// which is what API keys look like (and UUIDs, hashes and paths do not). The hand-written
// patterns above run on every string regardless.
const TOKEN_RUN = /[A-Za-z0-9_+=]{20,}/g;

function looksLikeToken(text: string): boolean {
  if (text.length < 20) return false;
  return remembered(tokenLike, text, () => {
    for (const [run] of text.matchAll(TOKEN_RUN)) if (/[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9]/.test(run)) return true;
    return false;
  });
}

// A batch repeats its strings (rule ids, reasons, targets, commands): what the patterns made of
// each is kept, bounded, for strings short enough to be worth it. Only pure results are kept.
const MEMO_LIMIT = 4_096;
const MEMO_MAX_LENGTH = 1_024;
const tokenLike = new Map<string, boolean>();
const redactedStrings = new Map<string, string>();

function remembered<T>(memo: Map<string, T>, text: string, compute: () => T): T {
  if (text.length > MEMO_MAX_LENGTH) return compute();
  let value = memo.get(text);
  if (value === undefined) {
    value = compute();
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, value);
  }
  return value;
}

/**
 * The secrets secretlint's recommended rules find in a value's strings (empty until
 * `loadSecretRules` completed). One scan per record: pass the result to every redaction of it.
 * attacker-controlled: value.
 */
export function findRuleSecrets(value: unknown): readonly string[] {
  if (!secretRulesLoaded()) return [];
  const candidates = tokenCandidates(value);
  return candidates.length === 0 ? [] : findSecrets(candidates.join('\n'));
}

/**
 * Whether secretlint's rules would be consulted for a value: only strings that look like tokens
 * go to them, so a batch without any need not load them (~10 ms of a hook's start).
 */
export function needsSecretRules(value: unknown): boolean {
  return tokenCandidates(value).length > 0;
}

// The strings of a value that secretlint's rules are asked about.
function tokenCandidates(value: unknown): string[] {
  return stringsOf(value).filter(looksLikeToken);
}

function withRuleSecrets<T>(value: unknown, secrets: readonly string[] | undefined, fn: () => T): T {
  ruleSecrets = secrets ?? findRuleSecrets(value);
  try {
    return fn();
  } finally {
    ruleSecrets = [];
  }
}

// Every string (and member name) of a value, walked without recursion and depth-limited like redaction.
function stringsOf(value: unknown): string[] {
  const out: string[] = [];
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item === 'string') {
      if (item.length >= 8) out.push(item);
    } else if (item !== null && typeof item === 'object' && depth < MAX_REDACT_DEPTH) {
      for (const [key, child] of Object.entries(item)) {
        if (key.length >= 8) out.push(key);
        stack.push([child, depth + 1]);
      }
    }
  }
  return out;
}

let integerKeySeen = false;
const INTEGER_LIKE = /^(0|[1-9][0-9]*)$/;

/**
 * {@link redactRequest} whose result `JSON.stringify` turns into RFC 8785 text, or `undefined`
 * when it cannot (an integer-like key, which JS objects order numerically).
 */
export function redactSorted(value: unknown, secrets?: readonly string[]): unknown {
  integerKeySeen = false;
  const out = withRuleSecrets(value, secrets, () => redactValue(value, false, 0));
  return integerKeySeen ? undefined : out;
}

function redactValue(value: unknown, secret: boolean, depth: number): unknown {
  if (typeof value === 'string') return secret && value !== '' ? REDACTED : redactString(value);
  if (value !== null && typeof value === 'object' && depth >= MAX_REDACT_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : redactValue(item, secret, depth + 1)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const info of shapeOf(Object.keys(value))) {
      const item = (value as Record<string, unknown>)[info.key];
      if (item === undefined || typeof item === 'function') continue;
      if (info.integer) integerKeySeen = true;
      const isSecret = secret || info.secret;
      setMember(out, info.outKey, isSecret && (typeof item === 'number' || typeof item === 'boolean') ? REDACTED : redactValue(item, isSecret, depth + 1));
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

interface KeyInfo {
  key: string;
  /** The key made well-formed. */
  outKey: string;
  secret: boolean;
  integer: boolean;
}

// Records repeat a few object shapes, so each shape's sorted, classified key list is computed
// once: JCS order is UTF-16 code-unit order, which Array#sort's default gives. Shapes are found
// through a trie of their keys in order (property names hash once), bounded in size.
interface ShapeNode {
  next: Map<string, ShapeNode>;
  infos?: KeyInfo[];
}

const MAX_SHAPE_NODES = 10_000;
let shapes: ShapeNode = { next: new Map() };
let shapeNodes = 0;

function shapeOf(keys: string[]): KeyInfo[] {
  let node = shapes;
  for (const key of keys) {
    let child = node.next.get(key);
    if (child === undefined) {
      if (++shapeNodes > MAX_SHAPE_NODES) {
        shapes = { next: new Map() };
        shapeNodes = 0;
        return classify(keys);
      }
      child = { next: new Map() };
      node.next.set(key, child);
    }
    node = child;
  }
  return (node.infos ??= classify(keys));
}

function classify(keys: string[]): KeyInfo[] {
  return [...keys].sort().map((key) => ({ key, outKey: toWellFormed(key), secret: isSecretKey(key), integer: INTEGER_LIKE.test(key) }));
}

// One cheap test first: most strings contain nothing token-shaped.
const MAYBE_SECRET = /eyJ|gh[pousr]_|github_pat_|glpat-|AKIA|ASIA|xox[abprs]-|PRIVATE KEY|bearer|authorization|pass|pwd|token|secret|key|credential|auth|sig|sk-|[sr]k_|npm_|mysql|\s(?:-u|--user)\s|:\/\/[^:/@\s]*:/i;

// Member names repeat across records, so their classification is cached (bounded).
const keyCache = new Map<string, boolean>();

function isSecretKey(key: string): boolean {
  let secret = keyCache.get(key);
  if (secret === undefined) {
    secret = SECRET_KEY.test(key.toLowerCase().replaceAll('-', '_'));
    if (keyCache.size > 10_000) keyCache.clear();
    keyCache.set(key, secret);
  }
  return secret;
}

/** Replaces token-shaped substrings of one string. */
export function redactString(text: string): string {
  // With no secretlint findings in the record, the result depends on the text alone.
  if (ruleSecrets.length === 0) return remembered(redactedStrings, text, () => redactPatterns(toWellFormed(text)));
  let out = toWellFormed(text);
  for (const secret of ruleSecrets) if (out.includes(secret)) out = out.replaceAll(secret, REDACTED);
  return redactPatterns(out);
}

function redactPatterns(text: string): string {
  let out = text;
  // Every pattern needs at least 8 characters.
  if (out.length < 8 || !MAYBE_SECRET.test(out)) return out;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match: string, ...groups: unknown[]) => {
      // Keep a captured prefix such as `Bearer ` or `password=` so the redaction stays readable.
      const prefix = typeof groups[0] === 'string' && match.startsWith(groups[0]) && groups[0] !== match ? groups[0] : '';
      const suffix = typeof groups[1] === 'string' && groups[1] === '@' ? '@' : '';
      return `${prefix}${REDACTED}${suffix}`;
    });
  }
  return out;
}
