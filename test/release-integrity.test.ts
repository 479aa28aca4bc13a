// The release a user can check: dist/SHA256SUMS covers every file of dist/, dist/sbom.cdx.json is
// valid CycloneDX 1.6 naming exactly the bundled packages with their licenses, and
// `cavra self-verify` catches a changed or planted file. Needs `npm run build` (CI runs it first).
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { expect, test } from 'vitest';
import { checkSha256Sums, parseSha256Sums } from '@cavra/core';
import { cycloneDxErrors } from './support/cyclonedx.ts';
import { REPO_ROOT } from './support/paths.ts';

const DIST = join(REPO_ROOT, 'dist');

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((name) => join(dir, name)).filter((path) => statSync(path).isFile());
}

test('SHA256SUMS lists every file of dist/ but itself, and every digest matches', () => {
  const { entries, problems } = parseSha256Sums(readFileSync(join(DIST, 'SHA256SUMS'), 'utf8'));
  expect(problems).toEqual([]);
  const onDisk = filesUnder(DIST).map((file) => relative(REPO_ROOT, file).split(sep).join('/')).filter((path) => path !== 'dist/SHA256SUMS').sort();
  expect(entries.map((entry) => entry.path).sort()).toEqual(onDisk);
  expect(onDisk).toContain('dist/sbom.cdx.json');
  expect(checkSha256Sums(REPO_ROOT, entries)).toEqual([]);
});

interface Sbom {
  metadata: { component: { name: string } };
  components: { group?: string; name: string; version: string; purl: string; licenses?: { license?: { id?: string; name?: string }; expression?: string }[]; hashes?: { alg: string }[] }[];
}

test('the SBOM is valid CycloneDX 1.6 and names the bundled packages, each with a license and its lockfile digest', async () => {
  const text = readFileSync(join(DIST, 'sbom.cdx.json'), 'utf8');
  expect(await cycloneDxErrors(text)).toBeNull();
  const sbom = JSON.parse(text) as Sbom;
  expect(sbom.metadata.component.name).toBe('cavra');
  const names = new Set(sbom.components.map((component) => (component.group ? `${component.group}/${component.name}` : component.name)));
  for (const bundled of ['yaml', 'jose', '@cyclonedx/cyclonedx-library', '@sigstore/sign', 'web-tree-sitter', 'tree-sitter-bash']) expect(names, bundled).toContain(bundled);
  // Build tools, test tools and the library's optional plug-ins (left external) are not in the bundle.
  for (const absent of ['esbuild', 'vitest', 'typescript', 'ajv-formats', 'xmlbuilder2', 'dependency-cruiser']) expect(names, absent).not.toContain(absent);
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; license?: string }> };
  expect(sbom.components.find((component) => component.name === 'yaml')).toMatchObject({ version: lock.packages['node_modules/yaml']!.version, licenses: [{ license: { id: 'ISC' } }] });
  for (const component of sbom.components) {
    expect(component.licenses?.length, component.purl).toBeGreaterThan(0);
    expect(component.hashes, component.purl).toContainEqual({ alg: 'SHA-512', content: expect.stringMatching(/^[0-9a-f]{128}$/) });
  }
});

test('the SBOM is the same bytes when built again from the recorded inputs', async () => {
  // A build script, not a typed module: imported by path, its one function typed here.
  const script = join(REPO_ROOT, 'scripts', 'release-integrity.mjs');
  const { buildSbom } = (await import(script)) as { buildSbom: (bundles: unknown[]) => string };
  const cache = join(REPO_ROOT, 'node_modules', '.cache', 'cavra-build');
  const bundles = readdirSync(cache).sort().map((name) => JSON.parse(readFileSync(join(cache, name), 'utf8')) as unknown);
  expect(buildSbom(bundles)).toBe(readFileSync(join(DIST, 'sbom.cdx.json'), 'utf8'));
});

test('`cavra self-verify` passes on an intact copy, and fails on a changed file, a planted chunk or another SHA256SUMS', () => {
  const root = mkdtempSync(join(tmpdir(), 'cavra-self-verify-'));
  cpSync(DIST, join(root, 'dist'), { recursive: true });
  const selfVerify = (...args: string[]) => spawnSync(process.execPath, [join(root, 'dist', 'cli', 'cavra.mjs'), 'self-verify', ...args], { cwd: root, encoding: 'utf8' });

  const intact = selfVerify();
  expect(intact.stderr).toBe('');
  expect(intact.status).toBe(0);
  expect(intact.stdout).toMatch(/^ok: \d+ files match /);

  // A trusted copy of SHA256SUMS from elsewhere that disagrees with this bundle.
  const other = join(root, 'other-SHA256SUMS');
  writeFileSync(other, readFileSync(join(root, 'dist', 'SHA256SUMS'), 'utf8').replace(/^[0-9a-f]/, (c) => (c === '0' ? '1' : '0')));
  expect(selfVerify('--sums', other).status).toBe(1);

  const planted = join(root, 'dist', 'cli', 'chunks', 'planted-AAAAAAAA.mjs');
  writeFileSync(planted, 'export {};\n');
  const withPlanted = selfVerify('--json');
  expect(withPlanted.status).toBe(1);
  expect((JSON.parse(withPlanted.stdout) as { problems: string[] }).problems).toEqual(['`dist/cli/chunks/planted-AAAAAAAA.mjs` is not listed in SHA256SUMS']);

  const chunk = readdirSync(join(root, 'dist', 'cli', 'chunks')).find((name) => name.startsWith('chunk-'))!;
  const fresh = mkdtempSync(join(tmpdir(), 'cavra-self-verify-'));
  cpSync(DIST, join(fresh, 'dist'), { recursive: true });
  appendFileSync(join(fresh, 'dist', 'cli', 'chunks', chunk), '\n');
  const changed = spawnSync(process.execPath, [join(fresh, 'dist', 'cli', 'cavra.mjs'), 'self-verify'], { cwd: fresh, encoding: 'utf8' });
  expect(changed.status).toBe(1);
  expect(changed.stderr).toContain(`\`dist/cli/chunks/${chunk}\` does not match its sha256 in SHA256SUMS`);
});
