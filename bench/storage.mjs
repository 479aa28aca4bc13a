// Evidence storage cost with the local folder store: push (write, read back, digest check,
// manifest, receipt) and pull (fetch, digest check, write) of an evidence directory of about
// SIZE_MB megabytes in FILES files. Prints one JSON object. `SIZE_MB=8 node bench/storage.mjs`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalFolderStore, planRetention, pullEvidence, pushEvidence } from '../packages/core/src/index.ts';

const SIZE_MB = Number(process.env.SIZE_MB ?? 64);
const FILES = Number(process.env.FILES ?? 16);
const now = () => new Date('2026-05-18T12:00:00.000Z');
const work = mkdtempSync(join(tmpdir(), 'cavra-bench-storage-'));
try {
  const dir = join(work, 'evidence');
  mkdirSync(join(dir, 'checkpoints'), { recursive: true });
  const line = `${JSON.stringify({ decision: 'allow', target: 'npm test', reason: 'command matches an allowed pattern', pad: 'x'.repeat(300) })}\n`;
  const perFile = Math.ceil((SIZE_MB * 1024 * 1024) / FILES / line.length);
  writeFileSync(join(dir, 'evidence.jsonl'), line.repeat(perFile));
  for (let i = 1; i < FILES; i += 1) writeFileSync(join(dir, 'checkpoints', `${i}.txt`), line.repeat(perFile).replace(/allow/g, `c${i}`));
  const store = new LocalFolderStore(join(work, 'store'));
  const retention = planRetention(now(), 1, 'governance', false);

  let t = process.hrtime.bigint();
  const receipt = await pushEvidence(dir, store, { retention, allowMutable: true, now });
  const pushNs = process.hrtime.bigint() - t;
  const bytes = receipt.objects.reduce((sum, o) => sum + o.size, 0);

  t = process.hrtime.bigint();
  await pushEvidence(dir, store, { retention, allowMutable: true, now });
  const repushNs = process.hrtime.bigint() - t;

  t = process.hrtime.bigint();
  await pullEvidence(store, join(work, 'pulled'));
  const pullNs = process.hrtime.bigint() - t;

  const mbps = (ns) => Math.round((bytes / 1048576 / (Number(ns) / 1e9)) * 10) / 10;
  const ms = (ns) => Math.round(Number(ns) / 1e5) / 10;
  console.log(JSON.stringify({
    bench: 'storage',
    store: 'local-folder',
    files: receipt.objects.length,
    bytes,
    push_ms: ms(pushNs),
    push_mb_per_s: mbps(pushNs),
    repush_idempotent_ms: ms(repushNs),
    pull_ms: ms(pullNs),
    pull_mb_per_s: mbps(pullNs),
  }));
} finally {
  rmSync(work, { recursive: true, force: true });
}
