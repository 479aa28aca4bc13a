import { glob } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

/**
 * Expands session globs against the workspace. A pattern that matches nothing is passed on as
 * written, so the core reports it unreadable and the run fails closed instead of judging less.
 */
export async function expandSessions(patterns: readonly string[], workspace: string): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    const absolute = isAbsolute(pattern) ? pattern : join(workspace, pattern);
    const matches: string[] = [];
    if (/[*?[{]/.test(pattern)) for await (const match of glob(absolute)) matches.push(match);
    files.push(...(matches.length > 0 ? matches.sort() : [absolute]));
  }
  return [...new Set(files)];
}
