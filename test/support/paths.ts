import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Upstream CAVRA's conformance data, read in place beside the repository (never copied in). */
export const UPSTREAM_DIR = join(REPO_ROOT, '..', 'shared', 'upstream-cavra');

export function requireUpstream(): string {
  if (!existsSync(UPSTREAM_DIR)) {
    throw new Error(`upstream conformance data not found at ${UPSTREAM_DIR}; it must sit beside the checkout as ../shared/upstream-cavra`);
  }
  return UPSTREAM_DIR;
}

const NOT_PACKS = new Set(['community-starter-policy-1', 'community-starter-policy-2']);

/** Lays upstream's flat pack files out as upstream does (`DIR/<id>/policy.yaml`), as symlinks. */
export function upstreamPolicyDir(): string {
  const source = join(requireUpstream(), 'policies');
  const dir = mkdtempSync(join(tmpdir(), 'cavra-upstream-policies-'));
  for (const name of readdirSync(source)) {
    const id = name.replace(/\.yaml$/, '');
    if (!name.endsWith('.yaml') || NOT_PACKS.has(id)) continue;
    mkdirSync(join(dir, id));
    symlinkSync(join(source, name), join(dir, id, 'policy.yaml'));
  }
  return dir;
}

/** The committed CLI bundle. */
export const CLI_BUNDLE = join(REPO_ROOT, 'dist', 'cli', 'cavra.mjs');
