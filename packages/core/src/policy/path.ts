// File targets are compared after lexical normalisation: repeated and trailing slashes
// collapse, `.` segments go, and — unlike upstream, which keeps them (§10.9) — `..` is
// resolved, so `docs/../.env` is judged as `.env`. A `..` that climbs above the root of a
// relative path is kept, so such a path can never match a workspace-relative pattern by accident.

/** Normalises a file target lexically, POSIX style. */
export function normalizeFilePath(raw: string): string {
  const target = raw.trim().replace(/\\/g, '/');
  if (target === '') return '.';
  const absolute = target.startsWith('/');
  const segments: string[] = [];
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      const last = segments[segments.length - 1];
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
