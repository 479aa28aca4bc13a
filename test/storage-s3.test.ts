// Real WORM: S3 Object Lock against a real Ceph RGW (Debian `radosgw`) started on 127.0.0.1.
// If Ceph cannot start, beforeAll fails with the reason; these tests are never skipped.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectLegalHoldCommand,
  GetObjectRetentionCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectRetentionCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEvidencePullCommand, createEvidencePushCommand } from '../packages/cli/src/commands/evidence-storage.ts';
import { RECEIPT_FILE, type StorageReceipt } from '../packages/core/src/index.ts';
import { digestTree, makeEvidenceDir, tempDir } from '../packages/core/test/storage/support/evidence-dir.ts';
import { RecordingProxy } from '../packages/core/test/storage/support/recording-proxy.ts';
import { runHandler } from '../packages/core/test/storage/support/run-handler.ts';
import { startCephRgw, type CephRgw } from './support/ceph-rgw.ts';
import { cavra, sealedEvidence } from './support/sealed-evidence.ts';

const LOCKED = 'cavra-locked';
const PLAIN = 'cavra-plain';
const NOW = () => new Date();

let rgw: CephRgw;
let s3: S3Client;
let env: Record<string, string>;

beforeAll(async () => {
  rgw = await startCephRgw();
  env = { AWS_ACCESS_KEY_ID: rgw.accessKeyId, AWS_SECRET_ACCESS_KEY: rgw.secretAccessKey, AWS_REGION: 'us-east-1' };
  s3 = new S3Client({ endpoint: rgw.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: rgw.accessKeyId, secretAccessKey: rgw.secretAccessKey } });
  await s3.send(new CreateBucketCommand({ Bucket: LOCKED, ObjectLockEnabledForBucket: true }));
  await s3.send(new CreateBucketCommand({ Bucket: PLAIN }));
  console.info(`ceph rgw cold start: ${rgw.startSeconds.toFixed(1)} s`);
}, 300_000);

afterAll(async () => {
  s3?.destroy();
  await rgw?.stop();
}, 60_000);

const push = (args: string[], edgeEnv: Record<string, string> = env) => runHandler(createEvidencePushCommand({ env: edgeEnv, now: NOW }), args);
const pull = (args: string[], edgeEnv: Record<string, string> = env) => runHandler(createEvidencePullCommand({ env: edgeEnv, now: NOW }), args);

describe('S3 Object Lock on Ceph RGW', () => {
  test('push, pull and compare: every version carries the requested COMPLIANCE retention and legal hold', async () => {
    const dir = makeEvidenceDir('round-trip');
    const result = await push([dir, `s3://${LOCKED}/runs/round-trip`, '--endpoint', rgw.endpoint, '--mode', 'compliance', '--retain-days', '2', '--legal-hold']);
    expect(result, result.stderr).toMatchObject({ exit: 0 });
    const receipt = JSON.parse(result.stdout) as StorageReceipt;
    expect(JSON.parse(readFileSync(join(dir, RECEIPT_FILE), 'utf8'))).toEqual(receipt);
    expect(receipt).toMatchObject({ uri: `s3://${LOCKED}/runs/round-trip/`, immutable: true, mutable_reason: null, requested: { mode: 'compliance', legal_hold: true } });
    for (const object of [...receipt.objects, receipt.manifest]) {
      expect(object.version_id).toEqual(expect.any(String));
      expect(object.retention).toMatchObject({ mode: 'compliance', legal_hold: true });
      expect(Date.parse(object.retention.retain_until!)).toBeGreaterThanOrEqual(Date.parse(receipt.requested.retain_until) - 1000);
      // Checked independently of our code, straight from the server.
      const Key = `runs/round-trip/${object.key}`;
      const retention = await s3.send(new GetObjectRetentionCommand({ Bucket: LOCKED, Key, VersionId: object.version_id! }));
      expect(retention.Retention?.Mode).toBe('COMPLIANCE');
      const hold = await s3.send(new GetObjectLegalHoldCommand({ Bucket: LOCKED, Key, VersionId: object.version_id! }));
      expect(hold.LegalHold?.Status).toBe('ON');
    }

    const target = join(tempDir('pull'), 'evidence');
    const pulled = await pull([`s3://${LOCKED}/runs/round-trip`, target, '--endpoint', rgw.endpoint]);
    expect(pulled, pulled.stderr).toMatchObject({ exit: 0 });
    expect(JSON.parse(pulled.stdout)).toMatchObject({ immutable: true, manifest: { key: receipt.manifest.key } });
    expect(digestTree(target)).toEqual(digestTree(dir, [RECEIPT_FILE]));
  });

  // Four CLI processes in a row: on a loaded two-core machine this outlasts the default 30 s.
  test('sealed evidence: cavra evidence push, pull, then cavra verify succeeds on the pulled copy', async () => {
    const { dir, publicKeyPem } = sealedEvidence();
    const uri = `s3://${LOCKED}/runs/sealed`;
    const pushed = cavra(['evidence', 'push', dir, uri, '--endpoint', rgw.endpoint, '--mode', 'governance', '--retain-days', '1'], env);
    expect(pushed, pushed.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(pushed.stdout)).toMatchObject({ immutable: true });
    const target = join(tempDir('pull'), 'evidence');
    const pulled = cavra(['evidence', 'pull', uri, target, '--endpoint', rgw.endpoint], env);
    expect(pulled, pulled.stderr).toMatchObject({ code: 0 });
    const verified = cavra(['verify', target, '--trusted-key', publicKeyPem]);
    expect(verified, verified.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(verified.stdout)).toMatchObject({ valid: true, records: 2 });
  }, 120_000);

  test('pushing the same directory again reuses the stored versions (idempotent keys)', async () => {
    const dir = makeEvidenceDir('idempotent');
    const args = [dir, `s3://${LOCKED}/runs/idempotent`, '--endpoint', rgw.endpoint, '--retain-days', '1'];
    // One clock for both pushes, so both ask for the same retain-until date.
    const at = new Date();
    const pinned = createEvidencePushCommand({ env, now: () => at });
    const first = JSON.parse((await runHandler(pinned, args)).stdout) as StorageReceipt;
    const second = JSON.parse((await runHandler(pinned, args)).stdout) as StorageReceipt;
    expect(second.objects.map((o) => o.version_id)).toEqual(first.objects.map((o) => o.version_id));
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: LOCKED, Prefix: 'runs/idempotent/sha256/' }));
    expect(versions.Versions).toHaveLength(3);
  });

  test('the server refuses to delete or alter a locked version', async () => {
    const dir = makeEvidenceDir('worm');
    const compliance = JSON.parse((await push([dir, `s3://${LOCKED}/runs/worm-c`, '--endpoint', rgw.endpoint, '--mode', 'compliance', '--retain-days', '1'])).stdout) as StorageReceipt;
    const log = compliance.objects.find((o) => o.name === 'evidence.jsonl')!;
    const Key = `runs/worm-c/${log.key}`;
    const VersionId = log.version_id!;
    await expect(s3.send(new DeleteObjectCommand({ Bucket: LOCKED, Key, VersionId }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    await expect(s3.send(new DeleteObjectCommand({ Bucket: LOCKED, Key, VersionId, BypassGovernanceRetention: true }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    // Shortening COMPLIANCE retention is refused too.
    await expect(
      s3.send(new PutObjectRetentionCommand({ Bucket: LOCKED, Key, VersionId, Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date(Date.now() + 60_000) } })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    // An overwrite only adds a new version; the locked version keeps its bytes.
    await s3.send(new PutObjectCommand({ Bucket: LOCKED, Key, Body: 'forged', ChecksumAlgorithm: 'SHA256' }));
    const original = await s3.send(new GetObjectCommand({ Bucket: LOCKED, Key, VersionId }));
    expect(await original.Body!.transformToString()).toBe(readFileSync(join(dir, 'evidence.jsonl'), 'utf8'));

    const governance = JSON.parse((await push([makeEvidenceDir('worm-g'), `s3://${LOCKED}/runs/worm-g`, '--endpoint', rgw.endpoint, '--mode', 'governance', '--retain-days', '1'])).stdout) as StorageReceipt;
    const g = governance.objects[0]!;
    await expect(s3.send(new DeleteObjectCommand({ Bucket: LOCKED, Key: `runs/worm-g/${g.key}`, VersionId: g.version_id! }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
  });

  test('push refuses a bucket without Object Lock (exit 1) and stores nothing; --allow-mutable stores a copy marked mutable', async () => {
    const dir = makeEvidenceDir('plain');
    const refused = await push([dir, `s3://${PLAIN}/runs/plain`, '--endpoint', rgw.endpoint]);
    expect(refused.exit).toBe(1);
    expect(refused.error?.code).toBe('ERR_STORE_NOT_IMMUTABLE');
    expect(refused.stderr).toContain('does not have Object Lock enabled');
    expect(existsSync(join(dir, RECEIPT_FILE))).toBe(false);
    expect((await s3.send(new ListObjectsV2Command({ Bucket: PLAIN, Prefix: 'runs/plain/' }))).KeyCount ?? 0).toBe(0);

    const allowed = await push([dir, `s3://${PLAIN}/runs/plain`, '--endpoint', rgw.endpoint, '--allow-mutable']);
    expect(allowed, allowed.stderr).toMatchObject({ exit: 0 });
    expect(JSON.parse(allowed.stdout)).toMatchObject({ immutable: false, mutable_reason: expect.stringContaining('Object Lock') });
    const target = join(tempDir('pull'), 'evidence');
    expect((await pull([`s3://${PLAIN}/runs/plain`, target, '--endpoint', rgw.endpoint])).exit).toBe(0);
    expect(digestTree(target)).toEqual(digestTree(dir, [RECEIPT_FILE]));
  });

  test('a missing bucket, wrong credentials and missing credentials each get their own clear error', async () => {
    const dir = makeEvidenceDir('errors');
    const missing = await push([dir, 's3://no-such-bucket/x', '--endpoint', rgw.endpoint]);
    expect([missing.exit, missing.error?.code]).toEqual([1, 'ERR_STORE_NOT_FOUND']);

    const wrongSecret = 'wrong-secret-value-1234567890';
    const wrong = await push([dir, `s3://${LOCKED}/x`, '--endpoint', rgw.endpoint], { ...env, AWS_SECRET_ACCESS_KEY: wrongSecret });
    expect([wrong.exit, wrong.error?.code]).toEqual([1, 'ERR_STORE_ACCESS_DENIED']);
    expect(wrong.stderr).toContain('access denied');
    expect(JSON.stringify([wrong.stderr, wrong.error?.details])).not.toContain(wrongSecret);

    // No keys anywhere the SDK looks (env, shared files, instance metadata).
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_EC2_METADATA_DISABLED: 'true', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/c', AWS_CONFIG_FILE: '/nonexistent/f' });
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) delete process.env[name];
    try {
      const none = await push([dir, `s3://${LOCKED}/x`, '--endpoint', rgw.endpoint], { AWS_REGION: 'us-east-1' });
      expect([none.exit, none.error?.code]).toEqual([2, 'ERR_STORE_CREDENTIALS_MISSING']);
    } finally {
      process.env = saved;
    }
    expect(existsSync(join(dir, RECEIPT_FILE))).toBe(false);
  });
});

describe('S3 faults, through a loopback proxy in front of Ceph RGW', () => {
  const isObjectPut = (req: { method?: string; url?: string }) => req.method === 'PUT' && /\/sha256\/[0-9a-f]{64}/.test(req.url ?? '');

  test('a 503 then success: one retry, and one stored version', async () => {
    const proxy = await RecordingProxy.start(rgw.endpoint);
    try {
      proxy.inject({
        match: isObjectPut,
        reply: { status: 503, contentType: 'application/xml', body: '<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>' },
      });
      const result = await push([makeEvidenceDir('retry'), `s3://${LOCKED}/runs/retry`, '--endpoint', proxy.url, '--retain-days', '1']);
      expect(result, result.stderr).toMatchObject({ exit: 0 });
      const faulted = proxy.requests.find((r) => r.outcome === 'fault')!;
      const key = faulted.path.split('?')[0]!.replace(`/${LOCKED}/`, '');
      const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: LOCKED, Prefix: key }));
      expect(versions.Versions).toHaveLength(1);
      expect(proxy.requests.filter((r) => r.method === 'PUT' && r.path.startsWith(faulted.path.split('?')[0]!))).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  test('the server stops mid-upload: a clear error, no receipt and no manifest', async () => {
    const proxy = await RecordingProxy.start(rgw.endpoint);
    let puts = 0;
    proxy.inject({ match: (req) => isObjectPut(req) && ++puts === 2, cutAndStop: true });
    const dir = makeEvidenceDir('cut');
    const result = await push([dir, `s3://${LOCKED}/runs/cut`, '--endpoint', proxy.url, '--retain-days', '1']);
    await proxy.close();
    expect([result.exit, result.error?.code]).toEqual([1, 'ERR_STORE_UNAVAILABLE']);
    expect(result.stderr).toMatch(/did not answer .* even after retries/);
    expect(result.stdout).toBe('');
    expect(existsSync(join(dir, RECEIPT_FILE))).toBe(false);
    const manifests = await s3.send(new ListObjectsV2Command({ Bucket: LOCKED, Prefix: 'runs/cut/manifests/' }));
    expect(manifests.KeyCount ?? 0).toBe(0);
    // Pull finds nothing stored at that prefix.
    expect((await pull([`s3://${LOCKED}/runs/cut`, join(tempDir('pull'), 'e'), '--endpoint', rgw.endpoint])).error?.code).toBe('ERR_STORE_NOT_FOUND');
  });
});
