// Every subject of the sealed statement is checked by `cavra verify`, not only the log: reports
// and the AI-BOM beside it must hash as signed, be present, and be plain names inside the directory.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { KeyBundleSigner, appendEvidence, pinnedKey, sealEvidence, verifyEvidence } from '../packages/core/src/index.ts';
import { FIXED_NOW, input, p256, tempDir } from '../packages/core/test/evidence/support.ts';

const keys = p256();
const signer = new KeyBundleSigner(keys.privateKey);
const trust = { trustedKeys: [pinnedKey(keys.publicKey)] };
const now = () => new Date('2026-05-18T12:00:00Z');

async function recorded(): Promise<string> {
  const dir = tempDir('cavra-subjects-');
  await appendEvidence(dir, [input(1), input(2)], { now: FIXED_NOW });
  return dir;
}

test('a report beside the log is checked: changed, it fails; intact, it verifies', async () => {
  const dir = await recorded();
  writeFileSync(join(dir, 'gate-report.json'), '{"conclusion":"success"}\n');
  await sealEvidence(dir, { signer, now, artefacts: [join(dir, 'gate-report.json')] });
  expect((await verifyEvidence(dir, trust)).errors).toEqual([]);
  writeFileSync(join(dir, 'gate-report.json'), '{"conclusion":"failure"}\n');
  const report = await verifyEvidence(dir, trust);
  expect(report.valid).toBe(false);
  expect(report.problems).toContainEqual(expect.objectContaining({ code: 'ERR_EVIDENCE_DIGEST_MISMATCH', message: 'signed subject `gate-report.json` does not match its signed sha256' }));
});

test('an artefact from outside the directory is copied in, so the sealed directory stands alone', async () => {
  const dir = await recorded();
  const outside = join(dir, '..', `sbom-${Date.now()}.cdx.json`);
  writeFileSync(outside, '{"bomFormat":"CycloneDX"}\n');
  await sealEvidence(dir, { signer, now, artefacts: [outside] });
  expect(readFileSync(join(dir, outside.split('/').pop()!), 'utf8')).toBe('{"bomFormat":"CycloneDX"}\n');
  expect((await verifyEvidence(dir, trust)).valid).toBe(true);
  // Changing the original outside changes nothing sealed; changing the copy inside does.
  writeFileSync(outside, 'changed');
  expect((await verifyEvidence(dir, trust)).valid).toBe(true);
});

test('two artefacts with one name, or one that would overwrite another file, are refused', async () => {
  const dir = await recorded();
  mkdirSync(join(dir, '..', 'a'), { recursive: true });
  mkdirSync(join(dir, '..', 'b'), { recursive: true });
  writeFileSync(join(dir, '..', 'a', 'report.md'), 'a');
  writeFileSync(join(dir, '..', 'b', 'report.md'), 'b');
  await expect(sealEvidence(dir, { signer, now, artefacts: [join(dir, '..', 'a', 'report.md'), join(dir, '..', 'b', 'report.md')] })).rejects.toMatchObject({ code: 'ERR_USAGE' });
  writeFileSync(join(dir, 'report.md'), 'inside');
  await expect(sealEvidence(dir, { signer, now, artefacts: [join(dir, '..', 'b', 'report.md')] })).rejects.toMatchObject({ code: 'ERR_USAGE' });
  await expect(sealEvidence(dir, { signer, now, artefacts: [join(dir, '..', 'a', 'evidence.jsonl')] })).rejects.toMatchObject({ code: 'ERR_USAGE' });
});

test('a signed subject that names a path outside the directory is a problem, not a file to read', async () => {
  const dir = await recorded();
  writeFileSync(join(dir, '..', 'outside.txt'), 'x');
  // A statement signed by a trusted key that names `../outside.txt`: re-sign the sealed payload with the extra subject.
  await sealEvidence(dir, { signer, now });
  const bundlePath = join(dir, 'bundle.sigstore.json');
  const statement = JSON.parse(Buffer.from((JSON.parse(readFileSync(bundlePath, 'utf8')) as { dsseEnvelope: { payload: string } }).dsseEnvelope.payload, 'base64').toString('utf8')) as { subject: { name: string; digest: { sha256: string } }[] };
  statement.subject.push({ name: '../outside.txt', digest: { sha256: '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881' } });
  writeFileSync(bundlePath, JSON.stringify(await signer.signStatement(Buffer.from(JSON.stringify(statement)))));
  const report = await verifyEvidence(dir, trust);
  expect(report.valid).toBe(false);
  expect(report.problems).toContainEqual(expect.objectContaining({ code: 'ERR_EVIDENCE_DIGEST_MISMATCH', message: 'signed subject `../outside.txt` is not a file name inside the evidence directory' }));
});
