// File targets are compared after lexical normalisation: repeated and trailing slashes
// collapse, `.` segments go, and — unlike upstream, which keeps them (§10.9) — `..` is
// resolved, so `docs/../.env` is judged as `.env`. A `..` that climbs above the root of a
// relative path is kept, so such a path can never match a workspace-relative pattern by accident.

/** Normalises a file target lexically, POSIX style. */
export function normalizeFilePath(raw: string): string {
  const trimmed = raw.trim();
  if (isNormalized(trimmed)) return trimmed;
  const target = trimmed.replace(/\\/g, '/');
  if (target === '') return '.';
  return resolveSegments(target);
}

/**
 * Drops the empty and `.` segments of a `/`-separated path and resolves each `..` against the
 * segment before it. `..` after a segment that `absorbs` it is dropped instead (a pattern's
 * `**`, which may stand for no directory or many).
 */
export function resolveSegments(target: string, absorbs: (segment: string) => boolean = () => false): string {
  const absolute = target.startsWith('/');
  const segments: string[] = [];
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      const last = segments[segments.length - 1];
      if (last !== undefined && absorbs(last)) continue;
      if (last !== undefined && last !== '..') segments.pop();
      else if (!absolute) segments.push('..');
      continue;
    }
    segments.push(segment);
  }
  const joined = segments.join('/');
  if (absolute) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const DOT = 0x2e;

// Most targets are already normal (`src/app.ts`): no backslash, and no empty, `.` or `..` segment.
function isNormalized(target: string): boolean {
  if (target === '') return false;
  let segmentStart = 0;
  for (let index = 0; index <= target.length; index += 1) {
    const code = index < target.length ? target.charCodeAt(index) : SLASH;
    if (code === BACKSLASH) return false;
    if (code !== SLASH) continue;
    const length = index - segmentStart;
    if (length === 0 && index !== 0) return false;
    if ((length === 1 || length === 2) && target.charCodeAt(segmentStart) === DOT && target.charCodeAt(index - 1) === DOT) return false;
    segmentStart = index + 1;
  }
  return true;
}

/**
 * The name a file system may really open for a normalised path, when that differs: C strings
 * end at the first NUL, and Windows drops a segment's trailing dots and spaces and reads
 * `name:stream` (`.env::$DATA`) as a stream of `name`. Judging this reading too (the stricter
 * outcome wins) closes those aliases of protected names; undefined when there is none.
 */
export function filePathAlias(normalized: string): string | undefined {
  if (!mayHaveAlias(normalized)) return undefined;
  const nul = normalized.indexOf('\u0000');
  const cut = nul >= 0 ? normalized.slice(0, nul) : normalized;
  const segments = cut.split('/').map((segment) => {
    if (segment === '.' || segment === '..') return segment;
    const colon = segment.indexOf(':');
    const name = colon > 0 ? segment.slice(0, colon) : segment;
    const trimmed = name.replace(/[. ]+$/, '');
    return trimmed === '' ? name : trimmed;
  });
  const alias = normalizeFilePath(segments.join('/'));
  return alias === normalized ? undefined : alias;
}

// One pass: a NUL, a colon, or a segment that ends in a dot or a space after another character.
function mayHaveAlias(path: string): boolean {
  for (let index = 0; index < path.length; index += 1) {
    const code = path.charCodeAt(index);
    if (code === 0 || code === 0x3a) return true;
    if ((code === 0x2e || code === 0x20) && (index + 1 === path.length || path.charCodeAt(index + 1) === 0x2f)) {
      const previous = index === 0 ? 0x2f : path.charCodeAt(index - 1);
      if (previous !== 0x2f && !(code === 0x2e && previous === 0x2e && (index < 2 || path.charCodeAt(index - 2) === 0x2f))) return true;
    }
  }
  return false;
}
