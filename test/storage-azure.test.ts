// Azure Blob against Azurite (npm) on 127.0.0.1. Azurite answers the immutability calls
// (Set Immutability Policy, Set Legal Hold) with 501 and ignores immutability headers on
// upload, so no emulator can prove WORM: the round trip runs with --allow-mutable, and the
// immutability parameters are asserted on the wire, in the request headers Azure defines
// (x-ms-immutability-policy-until-date, x-ms-immutability-policy-mode, x-ms-legal-hold),
// captured by a recording proxy at the HTTP layer. Real enforcement needs a real account (docs/storage.md).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEvidencePullCommand, createEvidencePushCommand } from '../packages/cli/src/commands/evidence-storage.ts';
import { RECEIPT_FILE, type StorageReceipt } from '../packages/core/src/index.ts';
import { digestTree, makeEvidenceDir, tempDir } from '../packages/core/test/storage/support/evidence-dir.ts';
import { RecordingProxy } from '../packages/core/test/storage/support/recording-proxy.ts';
import { runHandler } from '../packages/core/test/storage/support/run-handler.ts';
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite, type Azurite } from './support/azurite.ts';
import { cavra, sealedEvidence } from './support/sealed-evidence.ts';

const CONTAINER = 'evidence';
const env = { AZURE_STORAGE_KEY: AZURITE_KEY };
let azurite: Azurite;
let container: ContainerClient;

beforeAll(async () => {
  azurite = await startAzurite();
  container = new ContainerClient(`${azurite.serviceUrl}/${CONTAINER}`, new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY));
  await container.create();
}, 60_000);

afterAll(async () => {
  await azurite?.stop();
});

const push = (args: string[], edgeEnv: Record<string, string> = env) => runHandler(createEvidencePushCommand({ env: edgeEnv, now: () => new Date() }), args);
const pull = (args: string[]) => runHandler(createEvidencePullCommand({ env, now: () => new Date() }), args);
const uri = (prefix: string) => `azblob://${AZURITE_ACCOUNT}/${CONTAINER}/${prefix}`;
const isBlobPut = (req: { method?: string; url?: string }) => req.method === 'PUT' && /\/sha256\/[0-9a-f]{64}/.test(req.url ?? '');

async function blobNames(prefix: string): Promise<string[]> {
  const names: string[] = [];
  for await (const blob of container.listBlobsFlat({ prefix })) names.push(blob.name);
  return names;
}

describe('Azure Blob on Azurite', () => {
  test('push with --allow-mutable sends the immutability policy and legal hold on every upload; pull restores the files', async () => {
    const proxy = await RecordingProxy.start(`http://127.0.0.1:${azurite.port}`);
    try {
      const dir = makeEvidenceDir('azure-round-trip');
      const endpoint = `${proxy.url}/${AZURITE_ACCOUNT}`;
      const result = await push([dir, uri('runs/rt'), '--endpoint', endpoint, '--allow-mutable', '--mode', 'compliance', '--retain-days', '7', '--legal-hold']);
      expect(result, result.stderr).toMatchObject({ exit: 0 });
      const receipt = JSON.parse(result.stdout) as StorageReceipt;
      expect(receipt).toMatchObject({ immutable: false, mutable_reason: expect.stringContaining('version-level immutability') });
      expect(JSON.parse(readFileSync(join(dir, RECEIPT_FILE), 'utf8'))).toEqual(receipt);

      const uploads = proxy.requests.filter((r) => r.method === 'PUT' && r.path.includes('/runs/rt/') && !r.path.includes('comp='));
      expect(uploads).toHaveLength(4); // three evidence files and the manifest
      const until = new Date(receipt.requested.retain_until).toUTCString();
      for (const upload of uploads) {
        expect(upload.headers).toMatchObject({
          'x-ms-immutability-policy-until-date': until,
          'x-ms-immutability-policy-mode': 'Locked',
          'x-ms-legal-hold': 'true',
          'if-none-match': '*',
        });
        expect(upload.headers['content-md5'] ?? upload.headers['x-ms-blob-content-md5']).toEqual(expect.any(String));
      }

      const target = join(tempDir('pull'), 'evidence');
      const pulled = await pull([uri('runs/rt'), target, '--endpoint', azurite.serviceUrl]);
      expect(pulled, pulled.stderr).toMatchObject({ exit: 0 });
      expect(JSON.parse(pulled.stdout)).toMatchObject({ immutable: false, manifest: { key: receipt.manifest.key } });
      expect(digestTree(target)).toEqual(digestTree(dir, [RECEIPT_FILE]));
    } finally {
      await proxy.close();
    }
  });

  // Four CLI processes in a row: on a loaded two-core machine this outlasts the default 30 s.
  test('sealed evidence: cavra evidence push --allow-mutable, pull, then cavra verify succeeds on the pulled copy', async () => {
    const { dir, publicKeyPem } = sealedEvidence();
    const pushed = cavra(['evidence', 'push', dir, uri('runs/sealed'), '--endpoint', azurite.serviceUrl, '--allow-mutable'], env);
    expect(pushed, pushed.stderr).toMatchObject({ code: 0 });
    expect(pushed.stderr).toContain('is mutable');
    const target = join(tempDir('pull'), 'evidence');
    const pulled = cavra(['evidence', 'pull', uri('runs/sealed'), target, '--endpoint', azurite.serviceUrl], env);
    expect(pulled, pulled.stderr).toMatchObject({ code: 0 });
    const verified = cavra(['verify', target, '--trusted-key', publicKeyPem]);
    expect(verified, verified.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(verified.stdout)).toMatchObject({ valid: true, records: 2 });
  }, 120_000);

  test('governance maps to an Unlocked policy', async () => {
    const proxy = await RecordingProxy.start(`http://127.0.0.1:${azurite.port}`);
    try {
      const result = await push([makeEvidenceDir('gov'), uri('runs/gov'), '--endpoint', `${proxy.url}/${AZURITE_ACCOUNT}`, '--allow-mutable']);
      expect(result.exit).toBe(0);
      const upload = proxy.requests.find((r) => isBlobPut({ method: r.method, url: r.path }))!;
      expect(upload.headers['x-ms-immutability-policy-mode']).toBe('Unlocked');
      expect(upload.headers['x-ms-legal-hold']).toBeUndefined();
    } finally {
      await proxy.close();
    }
  });

  test('without --allow-mutable push refuses the container (exit 1) and uploads nothing', async () => {
    const dir = makeEvidenceDir('refused');
    const result = await push([dir, uri('runs/refused'), '--endpoint', azurite.serviceUrl]);
    expect([result.exit, result.error?.code]).toEqual([1, 'ERR_STORE_NOT_IMMUTABLE']);
    expect(result.stderr).toContain('version-level immutability');
    expect(await blobNames('runs/refused/')).toEqual([]);
    expect(existsSync(join(dir, RECEIPT_FILE))).toBe(false);
  });

  // Pinned divergence: when Azurite implements these, this test fails and the round trip above
  // should require immutability instead of --allow-mutable.
  test('Azurite answers the immutability calls with 501 (why the round trip needs --allow-mutable)', async () => {
    const blob = container.getBlockBlobClient('probe/501');
    await blob.upload('x', 1);
    await expect(blob.setImmutabilityPolicy({ expiriesOn: new Date(Date.now() + 86_400_000), policyMode: 'Unlocked' })).rejects.toMatchObject({ statusCode: 501 });
    await expect(blob.setLegalHold(true)).rejects.toMatchObject({ statusCode: 501 });
  });

  test('a missing container and wrong credentials each get a clear error', async () => {
    const dir = makeEvidenceDir('azure-errors');
    const missing = await push([dir, `azblob://${AZURITE_ACCOUNT}/no-such-container/x`, '--endpoint', azurite.serviceUrl, '--allow-mutable']);
    expect([missing.exit, missing.error?.code]).toEqual([1, 'ERR_STORE_NOT_FOUND']);
    const wrongKey = Buffer.from('not the account key, not at all!').toString('base64');
    const wrong = await push([dir, uri('x'), '--endpoint', azurite.serviceUrl, '--allow-mutable'], { AZURE_STORAGE_KEY: wrongKey });
    expect([wrong.exit, wrong.error?.code]).toEqual([1, 'ERR_STORE_ACCESS_DENIED']);
    expect(JSON.stringify([wrong.stderr, wrong.error?.details])).not.toContain(wrongKey);
    // No key, SAS, connection string or workload identity: DefaultAzureCredential finds nothing (exit 2).
    const none = await push([dir, 'azblob://acct01/evidence/x', '--allow-mutable'], {});
    expect([none.exit, none.error?.code]).toEqual([2, 'ERR_STORE_CREDENTIALS_MISSING']);
    expect(existsSync(join(dir, RECEIPT_FILE))).toBe(false);
  });
});

describe('Azure faults, through a loopback proxy in front of Azurite', () => {
  test('a 503 then success: one retry, and one blob', async () => {
    const proxy = await RecordingProxy.start(`http://127.0.0.1:${azurite.port}`);
    try {
      proxy.inject({
        match: isBlobPut,
        reply: { status: 503, contentType: 'application/xml', body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>ServerBusy</Code><Message>The server is busy.</Message></Error>' },
      });
      const result = await runHandler(
        createEvidencePushCommand({ env, now: () => new Date() }),
        [makeEvidenceDir('azure-retry'), uri('runs/retry'), '--endpoint', `${proxy.url}/${AZURITE_ACCOUNT}`, '--allow-mutable'],
      );
      expect(result, result.stderr).toMatchObject({ exit: 0 });
      const faulted = proxy.requests.find((r) => r.outcome === 'fault')!;
      const name = faulted.path.split('?')[0]!.replace(`/${AZURITE_ACCOUNT}/${CONTAINER}/`, '');
      expect(await blobNames(name)).toEqual([name]);
      expect(await blobNames('runs/retry/')).toHaveLength(4);
    } finally {
      await proxy.close();
    }
  });

  test('a container that rejects immutability headers gets a plain upload when --allow-mutable accepts a mutable copy', async () => {
    const proxy = await RecordingProxy.start(`http://127.0.0.1:${azurite.port}`);
    try {
      // The answer real Azure gives a container without version-level immutability is modelled here, not observed.
      proxy.inject({
        match: isBlobPut,
        reply: {
          status: 409,
          contentType: 'application/xml',
          body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>ImmutableStorageWithVersioningNotEnabled</Code><Message>not enabled</Message></Error>',
        },
      });
      const result = await push([makeEvidenceDir('azure-plain'), uri('runs/plain'), '--endpoint', `${proxy.url}/${AZURITE_ACCOUNT}`, '--allow-mutable']);
      expect(result, result.stderr).toMatchObject({ exit: 0 });
      const puts = proxy.requests.filter((r) => isBlobPut({ method: r.method, url: r.path }) || (r.method === 'PUT' && r.path.includes('/manifests/')));
      expect(puts[0]).toMatchObject({ outcome: 'fault', headers: { 'x-ms-immutability-policy-mode': 'Unlocked' } });
      expect(puts.slice(1)).toHaveLength(4);
      for (const put of puts.slice(1)) expect(put.headers['x-ms-immutability-policy-until-date']).toBeUndefined();
      expect(await blobNames('runs/plain/')).toHaveLength(4);
    } finally {
      await proxy.close();
    }
  });

  test('the server stops mid-upload: a clear error, no receipt and no manifest', async () => {
    const proxy = await RecordingProxy.start(`http://127.0.0.1:${azurite.port}`);
    let puts = 0;
    proxy.inject({ match: (req) => isBlobPut(req) && ++puts === 2, cutAndStop: true });
    const dir = makeEvidenceDir('azure-cut');
    const result = await push([dir, uri('runs/cut'), '--endpoint', `${proxy.url}/${AZURITE_ACCOUNT}`, '--allow-mutable']);
    await proxy.close();
    expect([result.exit, result.error?.code]).toEqual([1, 'ERR_STORE_UNAVAILABLE']);
    expect(result.stdout).toBe('');
    expect(existsSync(join(dir, RECEIPT_FILE))).toBe(false);
    expect(await blobNames('runs/cut/manifests/')).toEqual([]);
  }, 60_000);
});
