// The release's integrity files, written last by scripts/build.mjs:
//  - dist/sbom.cdx.json: a CycloneDX 1.6 SBOM of the npm packages whose code is in the bundles,
//    read from esbuild's metafiles (only inputs that put bytes in an output) and the lockfile;
//  - dist/SHA256SUMS: the sha256 of every file the build wrote (dist/ and EXTRA_BUNDLE_DIRS),
//    paths from the repository root, checkable with `sha256sum -c dist/SHA256SUMS`.
// Every bundle script records its metafile with `recordBundleInputs` so both cover it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as SPDX from '@cyclonedx/cyclonedx-library/SPDX';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import { formatSha256Sums, SHA256SUMS_FILE } from '../packages/core/src/release/sha256sums.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Folders outside dist/ that a build script writes a bundle into (an Azure task's, say), from the repository root. */
export const EXTRA_BUNDLE_DIRS = [];

export const SBOM_FILE = 'sbom.cdx.json';

// Metafiles wait here between the bundle scripts and the integrity step (kept out of dist/).
const INPUTS_DIR = join(root, 'node_modules', '.cache', 'cavra-build');

/** Forgets the inputs of an earlier build; scripts/build.mjs calls it first. */
export function clearBundleInputs() {
  rmSync(INPUTS_DIR, { recursive: true, force: true });
}

/**
 * Records what a bundle is made of: esbuild's metafile (build with `metafile: true` and
 * `absWorkingDir` set to the repository root), plus files copied as they are (wasm, say).
 */
export function recordBundleInputs(name, metafile, copied = []) {
  const inputs = new Set(copied);
  for (const output of Object.values(metafile.outputs ?? {})) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs ?? {})) if (bytesInOutput > 0) inputs.add(input);
  }
  const outputs = Object.keys(metafile.outputs ?? {}).sort();
  mkdirSync(INPUTS_DIR, { recursive: true });
  writeFileSync(join(INPUTS_DIR, `${name}.json`), `${JSON.stringify({ name, inputs: [...inputs].sort(), outputs })}\n`);
}

/** Writes dist/sbom.cdx.json, then dist/SHA256SUMS over everything the build wrote; fails on a bundle no script recorded. */
export function writeReleaseIntegrity() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  const bundles = readRecordedInputs();
  const listAll = () => ['dist', ...EXTRA_BUNDLE_DIRS].flatMap((dir) => listFiles(join(root, dir)));
  // A bundle whose inputs nobody recorded would be missing from the SBOM: fail rather than under-report.
  const recorded = new Set(bundles.flatMap((bundle) => bundle.outputs ?? []));
  const unrecorded = listAll().map((file) => relative(root, file).split(sep).join('/')).filter((path) => /\.(m|c)?js$/.test(path) && !recorded.has(path));
  if (unrecorded.length > 0) throw new Error(`no bundle recorded the inputs of ${unrecorded.join(', ')}; call recordBundleInputs() from its build script`);
  writeFileSync(join(root, 'dist', SBOM_FILE), buildSbom(bundles));
  const files = listAll();
  const entries = files
    .map((file) => relative(root, file).split(sep).join('/'))
    .filter((path) => path !== `dist/${SHA256SUMS_FILE}`)
    .map((path) => ({ path, sha256: createHash('sha256').update(readFileSync(join(root, path))).digest('hex') }));
  writeFileSync(join(root, 'dist', SHA256SUMS_FILE), formatSha256Sums(entries));
}

function readRecordedInputs() {
  if (!existsSync(INPUTS_DIR)) throw new Error('no bundle recorded its inputs; run `npm run build`');
  return readdirSync(INPUTS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(INPUTS_DIR, name), 'utf8')));
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .sort();
}

/** The SBOM text of the packages behind the recorded inputs, with the lockfile's versions, licenses and integrity. */
export function buildSbom(bundles) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const usedBy = new Map();
  for (const bundle of bundles) {
    for (const input of bundle.inputs) {
      const location = packageLocation(input);
      if (!location) continue;
      if (!usedBy.has(location)) usedBy.set(location, new Set());
      usedBy.get(location).add(bundle.name);
    }
  }
  const bom = new Models.Bom();
  const self = new Models.Component(Enums.ComponentType.Application, manifest.name, { bomRef: `pkg:npm/${manifest.name}@${manifest.version}`, version: manifest.version, purl: `pkg:npm/${manifest.name}@${manifest.version}` });
  self.licenses.add(licenseOf(manifest.license));
  bom.metadata.component = self;
  // One component per package version, however many copies node_modules holds of it.
  const byPurl = new Map();
  for (const location of [...usedBy.keys()].sort()) {
    const entry = lock.packages?.[location];
    if (!entry) throw new Error(`bundled package \`${location}\` is not in package-lock.json; run \`npm ci\``);
    const name = entry.name ?? location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const purl = `pkg:npm/${name.startsWith('@') ? `%40${name.slice(1)}` : name}@${entry.version}`;
    let component = byPurl.get(purl);
    if (!component) {
      const [group, bare] = name.startsWith('@') ? name.split('/') : [undefined, name];
      component = new Models.Component(Enums.ComponentType.Library, bare, { bomRef: purl, version: entry.version, purl, ...(group ? { group } : {}) });
      const license = entry.license ?? readPackageLicense(location);
      if (license) component.licenses.add(licenseOf(license));
      const sha512 = /^sha512-(.+)$/.exec(entry.integrity ?? '')?.[1];
      if (sha512) component.hashes.set(Enums.HashAlgorithm['SHA-512'], Buffer.from(sha512, 'base64').toString('hex'));
      byPurl.set(purl, component);
      self.dependencies.add(component.bomRef);
      bom.components.add(component);
    }
    const bundles = new Set([...component.properties].map((property) => property.value));
    for (const bundle of usedBy.get(location)) if (!bundles.has(bundle)) component.properties.add(new Models.Property('cavra:bundled-in', bundle));
  }
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  const options = { sortLists: true, space: 2 };
  // No timestamp, and a serial number derived from the content: two builds of one commit are byte-identical.
  bom.serialNumber = contentSerial(serializer.serialize(bom, options));
  return `${serializer.serialize(bom, options)}\n`;
}

// `node_modules/a/node_modules/@b/c/lib/x.js` → `node_modules/a/node_modules/@b/c` (the lockfile's
// key; a workspace's own install keeps its `packages/<name>/` prefix).
function packageLocation(input) {
  const parts = input.split('/');
  const last = parts.lastIndexOf('node_modules');
  if (last === -1 || last + 1 >= parts.length) return undefined;
  const end = parts[last + 1].startsWith('@') ? last + 3 : last + 2;
  return parts.slice(0, end).join('/');
}

function readPackageLicense(location) {
  try {
    const license = JSON.parse(readFileSync(join(root, location, 'package.json'), 'utf8')).license;
    return typeof license === 'string' ? license : undefined;
  } catch {
    return undefined;
  }
}

function licenseOf(value) {
  const id = SPDX.fixupSpdxId(value);
  if (id) return new Models.SpdxLicense(id);
  if (/\s(AND|OR|WITH)\s/.test(value)) return new Models.LicenseExpression(value);
  return new Models.NamedLicense(value);
}

function contentSerial(content) {
  const bytes = createHash('sha256').update(content).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeReleaseIntegrity();
