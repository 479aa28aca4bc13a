import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { PathResolver } from '../decision/files.ts';

/**
 * A resolver that follows symlinks for targets inside the workspace `root`. A target that does
 * not exist yet (a file about to be written) is resolved through its deepest existing parent,
 * so a write into a linked directory is judged where it lands. Paths that resolve inside the
 * workspace are returned relative to it; outside it, absolute.
 */
export function workspacePathResolver(root: string): PathResolver {
  const realRoot = realpathSync.native(root);
  // A batch names the same paths again and again; a run is short, so the answers stay valid.
  const cache = new Map<string, string | undefined>();
  // Targets share their directories: each directory is looked up on disk once per run.
  const realpaths = new Map<string, Lookup>();
  return (path) => {
    if (cache.has(path)) return cache.get(path);
    const resolved = resolve(path);
    cache.set(path, resolved);
    return resolved;
  };

  function resolve(path: string): string | undefined {
    const absolute = isAbsolute(path) ? path : join(root, path);
    const real = realpathOfExistingPrefix(absolute, realpaths);
    if (real === undefined) return undefined;
    const inside = relative(realRoot, real);
    const resolved = inside === '' ? '.' : inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside) ? real : inside.split(sep).join('/');
    return resolved === path ? undefined : resolved;
  }
}

// A target that does not exist is resolved through its deepest existing parent.
function realpathOfExistingPrefix(absolute: string, realpaths: Map<string, Lookup>): string | undefined {
  const rest: string[] = [];
  let current = absolute;
  let real = lookUp(current, realpaths);
  while (real === null) {
    const parent = dirname(current);
    if (parent === current) return undefined;
    rest.unshift(basename(current));
    current = parent;
    real = lookUp(current, realpaths);
  }
  if (real === false) return undefined;
  return rest.length === 0 ? real : join(real, ...rest);
}

/** The real path of what exists at a path; `null` when nothing does; `false` when it exists but cannot be resolved (a dangling link). */
type Lookup = string | null | false;

// On Linux a name that is not a link is its real name under its parent's real path; other
// systems may fold its case, which only realpath reports.
const NAMES_ARE_EXACT = process.platform === 'linux';

// From the root down, each directory once per run: nothing exists under a path that does not
// (most targets of a session are new files in new directories), and under one that cannot be
// resolved nothing can be either.
function lookUp(path: string, realpaths: Map<string, Lookup>): Lookup {
  let real = realpaths.get(path);
  if (real !== undefined) return real;
  const parent = dirname(path);
  if (parent === path) {
    real = realpathOf(path);
  } else {
    const above = lookUp(parent, realpaths);
    real = typeof above === 'string' ? entryIn(above, path) : above;
  }
  realpaths.set(path, real);
  return real;
}

function entryIn(parentReal: string, path: string): Lookup {
  let stats: Stats | undefined;
  try {
    stats = lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return null;
  }
  if (stats === undefined) return null;
  return NAMES_ARE_EXACT && !stats.isSymbolicLink() ? join(parentReal, basename(path)) : realpathOf(path);
}

function realpathOf(path: string): Lookup {
  try {
    return realpathSync.native(path);
  } catch {
    return existsAsLink(path) ? false : null;
  }
}

function existsAsLink(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}
