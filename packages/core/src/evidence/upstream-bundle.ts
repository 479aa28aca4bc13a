import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CavraError } from '../errors.ts';

// Upstream CAVRA's signed evidence bundle (`cavra.evidence.bundle.v1`, reference §5.2): a
// `manifest.json` listing file digests, signed with Ed25519 over Python `json.dumps(sort_keys=True)`.

/** Schema id of an upstream evidence bundle manifest. */
export const UPSTREAM_BUNDLE_SCHEMA = 'cavra.evidence.bundle.v1';

/**
 * Python `json.dumps(value, sort_keys=True)` with default separators (`", "`, `": "`) and
 * `ensure_ascii=True`: the bytes upstream signs.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CavraError('ERR_EVIDENCE_INVALID', 'manifest holds a non-finite number');
    return Number.isInteger(value) ? String(value) : pythonFloat(value);
  }
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (typeof value === 'object') {
    // Python sorts str keys by code point; for BMP-only keys that equals UTF-16 order.
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${pythonString(k)}: ${pythonJsonDumps((value as Record<string, unknown>)[k])}`).join(', ')}}`;
  }
  throw new CavraError('ERR_EVIDENCE_INVALID', `manifest holds a value JSON cannot carry (${typeof value})`);
}

function pythonFloat(value: number): string {
  const text = String(value);
  return /e/.test(text) ? text.replace(/e([+-])(\d)$/, 'e$10$2') : text;
}

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function pythonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    const code = text.charCodeAt(i);
    if (SHORT[ch]) out += SHORT[ch];
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Result of {@link verifyUpstreamBundle}, in upstream's report shape. */
export interface UpstreamBundleVerification {
  path: string;
  valid: boolean;
  records: number;
  signed_records: number;
  errors: string[];
  format: 'cavra-bundle';
}

/**
 * Verifies an upstream bundle directory: every listed file's SHA-256, then the Ed25519 manifest
 * signature with the given public key (fingerprint and key id must match). Unlike upstream
 * (§10.23), a missing key or an unkeyed `SHA256`/`HS256` manifest is a failure, never a pass.
 */
export function verifyUpstreamBundle(dir: string, publicKeyPem: string | Buffer | undefined, options: { keyId?: string } = {}): UpstreamBundleVerification {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new CavraError('ERR_EVIDENCE_NOT_FOUND', `no \`manifest.json\` in \`${dir}\``, { hint: 'pass an upstream evidence bundle directory' });
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new CavraError('ERR_INPUT_INVALID_JSON', `\`${manifestPath}\` is not valid JSON`, { cause });
  }
  const errors: string[] = [];
  if (manifest.schema_version !== UPSTREAM_BUNDLE_SCHEMA) errors.push(`manifest schema_version is not \`${UPSTREAM_BUNDLE_SCHEMA}\` [ERR_EVIDENCE_RECORD_MALFORMED]`);
  const files = Array.isArray(manifest.files) ? (manifest.files as { path?: unknown; sha256?: unknown }[]) : [];
  if (files.length === 0) errors.push('manifest lists no files [ERR_EVIDENCE_EMPTY]');
  for (const [i, file] of files.entries()) {
    // attacker-controlled: the path; only a base name inside the bundle is accepted.
    const name = typeof file.path === 'string' ? file.path : '';
    if (name === '' || basename(name) !== name) {
      errors.push(`file ${i + 1}: path \`${name}\` is not a file name in the bundle [ERR_EVIDENCE_RECORD_MALFORMED]`);
      continue;
    }
    const full = join(dir, name);
    if (!existsSync(full)) errors.push(`file ${i + 1} \`${name}\`: missing [ERR_EVIDENCE_TRUNCATED]`);
    else if (createHash('sha256').update(readFileSync(full)).digest('hex') !== file.sha256) errors.push(`file ${i + 1} \`${name}\`: sha256 does not match the manifest [ERR_EVIDENCE_DIGEST_MISMATCH]`);
  }
  const signed = checkSignature(manifest, publicKeyPem, options.keyId);
  if (signed) errors.push(signed);
  return { path: dir, valid: errors.length === 0, records: files.length, signed_records: signed ? 0 : files.length, errors, format: 'cavra-bundle' };
}

function checkSignature(manifest: Record<string, unknown>, publicKeyPem: string | Buffer | undefined, keyId: string | undefined): string | undefined {
  const signature = manifest.signature as { algorithm?: unknown; key_id?: unknown; public_key_sha256?: unknown; value?: unknown } | undefined;
  if (!signature || typeof signature !== 'object') return 'manifest is unsigned [ERR_EVIDENCE_UNSIGNED]';
  if (signature.algorithm !== 'Ed25519') return `manifest signature algorithm \`${String(signature.algorithm)}\` is not Ed25519; unkeyed or shared-secret manifests are not accepted [ERR_EVIDENCE_UNSIGNED]`;
  if (publicKeyPem === undefined) return 'no public key was given to check the Ed25519 manifest signature [ERR_KEY_UNTRUSTED]';
  const pemBytes = Buffer.isBuffer(publicKeyPem) ? publicKeyPem : Buffer.from(publicKeyPem, 'utf8');
  if (createHash('sha256').update(pemBytes).digest('hex') !== signature.public_key_sha256) return 'manifest was signed by another key (public_key_sha256 differs) [ERR_KEY_UNTRUSTED]';
  if (keyId !== undefined && signature.key_id !== keyId) return `manifest key_id is not \`${keyId}\` [ERR_KEY_UNTRUSTED]`;
  const { signature: _omit, ...unsigned } = manifest;
  const message = Buffer.from(pythonJsonDumps(unsigned), 'utf8');
  let ok = false;
  try {
    ok = verify(null, message, createPublicKey(pemBytes), Buffer.from(String(signature.value ?? ''), 'base64'));
  } catch {
    ok = false;
  }
  return ok ? undefined : 'manifest Ed25519 signature does not verify [ERR_EVIDENCE_SIGNATURE_INVALID]';
}
