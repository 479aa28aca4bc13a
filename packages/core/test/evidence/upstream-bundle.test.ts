import { createHash, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonJsonDumps, verifyUpstreamBundle } from '../../src/index.ts';
import { ed25519, tempDir } from './support.ts';

// Bytes printed by CPython 3 `json.dumps(m, sort_keys=True)` for this object.
const PYTHON_REFERENCE =
  '{"big": 1e+21, "created_at": "2026-05-18T12:00:00Z", "ctl": "a\\u0001\\tb\\"\\\\", "files": [{"bytes": 12, "path": "evidence.json", "sha256": "ab"}], "product": "CAVRA", "ratio": 0.5, "schema_version": "cavra.evidence.bundle.v1", "signer": "github-actions:ci \\u00e9\\u20ac\\ud83d\\ude00", "small": 1e-07}';

// An upstream bundle made as §5.2 describes: file digests, then an Ed25519 signature over the manifest.
function upstreamBundle(keys = ed25519()): { dir: string; pem: string } {
  const dir = tempDir('cavra-upstream-bundle-');
  const files = { 'evidence.json': '{\n  "decisions": [],\n  "product": "CAVRA",\n  "session_id": "s"\n}\n', 'siem-event.json': '{}\n' };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const pem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const manifest: Record<string, unknown> = {
    schema_version: 'cavra.evidence.bundle.v1', product: 'CAVRA', created_at: '2026-05-18T12:00:00Z', signer: 'github-actions:ci',
    files: Object.entries(files).map(([path, text]) => ({ path, sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) })),
  };
  const value = sign(null, Buffer.from(pythonJsonDumps(manifest)), keys.privateKey).toString('base64');
  manifest.signature = { algorithm: 'Ed25519', key_id: 'k1', public_key_sha256: createHash('sha256').update(pem).digest('hex'), value };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, pem };
}

describe('upstream Ed25519 evidence bundles (§5.2)', () => {
  it('serialises manifests exactly as Python json.dumps(sort_keys=True)', () => {
    const m = { schema_version: 'cavra.evidence.bundle.v1', product: 'CAVRA', created_at: '2026-05-18T12:00:00Z', signer: 'github-actions:ci é€😀', files: [{ path: 'evidence.json', sha256: 'ab', bytes: 12 }], ratio: 0.5, big: 1e21, small: 1e-7, ctl: 'a\u0001\tb"\\' };
    expect(pythonJsonDumps(m)).toBe(PYTHON_REFERENCE);
  });

  it('verifies a signed bundle, and rejects a changed file, another key, or no key', () => {
    const { dir, pem } = upstreamBundle();
    expect(verifyUpstreamBundle(dir, pem, { keyId: 'k1' })).toMatchObject({ valid: true, records: 2, signed_records: 2, errors: [] });
    expect(verifyUpstreamBundle(dir, pem, { keyId: 'k2' }).errors[0]).toMatch(/ERR_KEY_UNTRUSTED/);
    expect(verifyUpstreamBundle(dir, undefined).errors[0]).toMatch(/ERR_KEY_UNTRUSTED/);
    expect(verifyUpstreamBundle(dir, upstreamBundle().pem).errors[0]).toMatch(/another key/);
    writeFileSync(join(dir, 'siem-event.json'), '{"x":1}\n');
    expect(verifyUpstreamBundle(dir, pem).errors).toEqual([expect.stringMatching(/^file 2 `siem-event.json`: .*ERR_EVIDENCE_DIGEST_MISMATCH/)]);
  });
});
