import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Where paths are made relative: the repository root, and the directory the agent worked in. */
export interface PathScope {
  /** The repository root; a path inside it becomes relative to it. */
  root?: string;
  /** The agent's working directory, for relative paths; default the root. */
  cwd?: string;
}

/**
 * A path as the packs judge it: relative to the repository root when it lies inside it,
 * absolute otherwise (so `/home/u/.ssh/id_rsa` still meets `**\/.ssh/**`). Lexical only:
 * symlinks are followed later, by the decision's path resolver.
 */
export function repositoryPath(path: string, scope: PathScope): string {
  if (!scope.root && !scope.cwd) return path;
  const root = scope.root ?? scope.cwd!;
  const absolute = isAbsolute(path) ? path : resolve(scope.cwd ?? root, path);
  const inside = relative(resolve(root), absolute);
  if (inside === '') return '.';
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return absolute;
  return inside.split(sep).join('/');
}
