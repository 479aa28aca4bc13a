import { lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
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

function realpathOfExistingPrefix(absolute: string, realpaths: Map<string, Lookup>): string | undefined {
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    let real = realpaths.get(current);
    if (real === undefined) {
      real = realpathOf(current);
      realpaths.set(current, real);
    }
    if (real === false) return undefined;
    if (real !== null) return rest.length === 0 ? real : join(real, ...rest);
    const parent = join(current, '..');
    if (parent === current) return undefined;
    rest.unshift(current.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
    current = parent;
  }
}

/** The real path of what exists at a path; `null` when nothing does; `false` when it exists but cannot be resolved (a dangling link). */
type Lookup = string | null | false;

function realpathOf(path: string): Lookup {
  try {
    lstatSync(path);
  } catch {
    return null;
  }
  try {
    return realpathSync.native(path);
  } catch {
    return false;
  }
}
