// `SHA256SUMS` in the format of GNU `sha256sum` (`<hex>  <path>`), so anyone can check a release
// with `sha256sum -c dist/SHA256SUMS` from the repository root, without this tool.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file name of the release's digest list, in `dist/`. Its paths are relative to the repository root. */
export const SHA256SUMS_FILE = 'SHA256SUMS';

/** One line of `SHA256SUMS`. */
export interface Sha256Entry {
  sha256: string;
  /** Relative path with `/` separators. */
  path: string;
}

/** The text of `SHA256SUMS` for the entries, sorted by path (byte order), one `<hex>  <path>` line each. */
export function formatSha256Sums(entries: readonly Sha256Entry[]): string {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return sorted.map((entry) => `${entry.sha256}  ${entry.path}\n`).join('');
}

/** Parses `SHA256SUMS`; a malformed line is returned as a problem, never skipped. */
export function parseSha256Sums(text: string): { entries: Sha256Entry[]; problems: string[] } {
  const entries: Sha256Entry[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (line === '') return;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    const path = match?.[2];
    if (!match || !path || path.split('/').some((part) => part === '..' || part === '') || path.startsWith('/')) {
      problems.push(`line ${index + 1} of ${SHA256SUMS_FILE} is not \`<sha256>  <relative path>\``);
      return;
    }
    entries.push({ sha256: match[1]!, path });
  });
  return { entries, problems };
}

/** sha256 (hex) of a file's bytes. */
export function fileSha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Checks each entry against the file under `root`; returns one line per file that is missing or differs. */
export function checkSha256Sums(root: string, entries: readonly Sha256Entry[]): string[] {
  const problems: string[] = [];
  for (const entry of entries) {
    let actual: string;
    try {
      actual = fileSha256(join(root, entry.path));
    } catch {
      problems.push(`\`${entry.path}\` is missing`);
      continue;
    }
    if (actual !== entry.sha256) problems.push(`\`${entry.path}\` does not match its sha256 in ${SHA256SUMS_FILE}`);
  }
  return problems;
}
