// Checks the bundle this process runs from against the release's SHA256SUMS: every listed file
// must hash as listed, the running entry must be listed, and no unlisted file may sit beside it
// (a planted chunk would otherwise go unnoticed).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { AiBomTool } from '../aibom/types.ts';
import { CAVRA_TOOL_NAME, CAVRA_VERSION } from '../version.ts';
import { checkSha256Sums, fileSha256, parseSha256Sums, SHA256SUMS_FILE, type Sha256Entry } from './sha256sums.ts';

/** The outcome of {@link checkRunningBundle}. */
export interface BundleCheck {
  valid: boolean;
  /** The entry file that runs. */
  entry: string;
  /** The `SHA256SUMS` checked against, and its sha256 (compare it with the release's). */
  sumsFile: string | null;
  sumsSha256: string | null;
  /** The entry's path as `SHA256SUMS` names it. */
  entryPath: string | null;
  /** Files whose digest matched. */
  checked: number;
  problems: string[];
}

/**
 * Checks the running bundle. `sumsFile` is a trusted `SHA256SUMS` (from the release); without it,
 * the nearest one above the entry is used, which proves the files consistent, not authentic.
 */
export function checkRunningBundle(entryFile: string, options: { sumsFile?: string } = {}): BundleCheck {
  const entry = resolve(entryFile);
  const sumsFile = options.sumsFile ? resolve(options.sumsFile) : findSums(dirname(entry));
  const result: BundleCheck = { valid: false, entry, sumsFile: sumsFile ?? null, sumsSha256: null, entryPath: null, checked: 0, problems: [] };
  if (!sumsFile || !existsSync(sumsFile)) {
    result.problems.push(`no ${SHA256SUMS_FILE} found for \`${entry}\``);
    return result;
  }
  const text = readFileSync(sumsFile, 'utf8');
  result.sumsSha256 = fileSha256(sumsFile);
  const { entries, problems } = parseSha256Sums(text);
  result.problems.push(...problems);
  const listed = entries.find((candidate) => entry.endsWith(`${sep}${candidate.path.split('/').join(sep)}`));
  if (!listed) {
    result.problems.push(`the running file \`${entry}\` is not listed in ${SHA256SUMS_FILE}`);
    return result;
  }
  result.entryPath = listed.path;
  const root = entry.slice(0, entry.length - listed.path.length - 1);
  const mismatches = checkSha256Sums(root, entries);
  result.problems.push(...mismatches);
  result.checked = entries.length - mismatches.length;
  result.problems.push(...unlisted(root, dirname(entry), entries));
  result.valid = result.problems.length === 0;
  return result;
}

/** This tool as an AI-BOM names it: version, and the digest of the entry file and of its SHA256SUMS when it runs from a release bundle. */
export function describeRunningTool(entryFile: string | undefined): AiBomTool {
  const tool: AiBomTool = { name: CAVRA_TOOL_NAME, version: CAVRA_VERSION };
  if (!entryFile || !existsSync(entryFile)) return tool;
  const entry = resolve(entryFile);
  const sums = findSums(dirname(entry));
  const listed = sums ? parseSha256Sums(readFileSync(sums, 'utf8')).entries.find((candidate) => entry.endsWith(`${sep}${candidate.path.split('/').join(sep)}`)) : undefined;
  return {
    ...tool,
    bundle: { file: listed?.path ?? relative(dirname(dirname(entry)), entry).split(sep).join('/'), sha256: fileSha256(entry) },
    ...(sums ? { sha256sums: fileSha256(sums) } : {}),
  };
}

// `dist/cli/cavra.mjs` → `dist/SHA256SUMS`: the nearest within three levels up.
function findSums(start: string): string | undefined {
  let dir = start;
  for (let depth = 0; depth < 3; depth += 1) {
    const candidate = join(dir, SHA256SUMS_FILE);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

function unlisted(root: string, bundleDir: string, entries: readonly Sha256Entry[]): string[] {
  const known = new Set(entries.map((entry) => entry.path));
  const problems: string[] = [];
  for (const name of readdirSync(bundleDir, { recursive: true }) as string[]) {
    const path = join(bundleDir, name);
    if (!statSync(path).isFile()) continue;
    const rel = relative(root, path).split(sep).join('/');
    if (!known.has(rel)) problems.push(`\`${rel}\` is not listed in ${SHA256SUMS_FILE}`);
  }
  return problems;
}
