import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { EvidenceProblem } from './problem.ts';
import { LINE_LAYOUT } from './record.ts';
import { scanLogFile, type LogScan, type ScanOptions } from './scan.ts';

// The second thread re-reads the file and checks every record's own hash and the file digest,
// while this thread checks layout, chain, sequence and the Merkle tree: the two halves of the
// hashing work, so verification runs near the speed of hashing the bytes once.
// Plain JS in a string so that it also runs from the single-file CLI bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const { createHash, hash } = require('node:crypto');
const { file, recordStart, max } = workerData;
const fd = openSync(file, 'r');
const digest = createHash('sha256');
let buf = Buffer.allocUnsafe(8 * 1024 * 1024);
let carry = 0, n = 0;
const bad = [];
for (;;) {
  if (carry === buf.length) { const bigger = Buffer.allocUnsafe(buf.length * 2); buf.copy(bigger, 0, 0, carry); buf = bigger; }
  const read = readSync(fd, buf, carry, buf.length - carry, null);
  if (read === 0) break;
  digest.update(buf.subarray(carry, carry + read));
  const end = carry + read;
  let p = 0;
  for (let e = buf.indexOf(10, p); e !== -1 && e < end; e = buf.indexOf(10, p)) {
    n += 1;
    if (e - p > recordStart + 1 && buf[e - 1] === 0x7d) {
      const own = hash('sha256', buf.subarray(p + recordStart, e - 1), 'hex');
      if (buf.toString('latin1', p + 9, p + 73) !== own && bad.length < max) bad.push([n, buf.toString('latin1', p + 9, p + 73), own]);
    }
    p = e + 1;
  }
  buf.copy(buf, 0, p, end);
  carry = end - p;
}
closeSync(fd);
parentPort.postMessage({ digest: digest.digest('hex'), bad });
`;

/** Logs at least this large are scanned on two threads by default. */
export const PARALLEL_SCAN_BYTES = 16 * 1024 * 1024;

/** {@link scanLogFile} on two threads (same result); falls back to one thread for small logs unless forced. */
export async function scanLogFileParallel(file: string, options: ScanOptions & { force?: boolean } = {}): Promise<LogScan> {
  if (!options.force && statSync(file).size < PARALLEL_SCAN_BYTES) return scanLogFile(file, options);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, recordStart: LINE_LAYOUT.recordStart, max: options.maxProblems ?? 100 } });
  const done = new Promise<{ digest: string; bad: [number, string, string][] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const scan = scanLogFile(file, { ...options, delegated: true });
  const { digest, bad } = await done;
  await worker.terminate();
  const byRecord = new Map<number | string | null, EvidenceProblem>();
  for (const problem of scan.problems) byRecord.set(problem.record, problem);
  for (const [record, stored, own] of bad) {
    // Same precedence as the one-thread scan: a malformed line, else the hash error.
    if (byRecord.get(record)?.code === 'ERR_EVIDENCE_RECORD_MALFORMED') continue;
    byRecord.set(record, { code: 'ERR_EVIDENCE_HASH_MISMATCH', record, message: `record hash \`${stored.slice(0, 16)}…\` does not match its content (\`${own.slice(0, 16)}…\`)` });
  }
  const problems = [...byRecord.values()].sort((a, b) => Number(a.record) - Number(b.record));
  return { ...scan, fileSha256: digest, problems };
}
