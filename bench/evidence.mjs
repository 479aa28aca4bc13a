// Evidence throughput for 1M records: batched appends, verification, and raw SHA-256 of the same
// line bytes in the same run. Prints one JSON object. `RECORDS=100000 node bench/evidence.mjs` for a quick run.
import { hash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendEvidence, scanLogFile, scanLogFileParallel, verifyLog } from '../packages/core/src/index.ts';

const RECORDS = Number(process.env.RECORDS ?? 1_000_000);
const BATCH = Number(process.env.BATCH ?? 10_000);
const now = () => new Date('2026-05-18T12:00:00.000Z');

function decision(i) {
  return {
    decision_id: `dec-${i.toString(16).padStart(8, '0')}`, session_id: 'session-bench', agent_id: 'claude-code', actor: 'ci-bot',
    action_type: 'execute_command', target: `npm test -- --shard=${i % 16}/16`, requested_operation: 'execute',
    policy_pack: 'cavra-ai-agent-baseline', policy_id: 'cavra-ai-agent-baseline', rule_id: 'commands.allow', decision: i % 7 === 0 ? 'block' : 'allow',
    severity: 'low', reason: 'command matches an allowed pattern', evidence_refs: [`evidence://session-bench/dec-${i}`], approver_group: null,
    timestamp: '2026-05-18T12:00:00.000Z', correlation_id: `corr-${i}`, matches: [{ rule_id: 'commands.allow', decision: 'allow', pattern: 'npm test*' }],
  };
}
const inputs = (from, count) => Array.from({ length: count }, (_, k) => ({
  decision: decision(from + k),
  request: { action_type: 'execute_command', target: `npm test -- --shard=${(from + k) % 16}/16`, session_id: 'session-bench', agent_id: 'claude-code' },
  packDigest: 'sha256:0f5e2c9b7a4d1e3f6a8b0c2d4e6f8a0b1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f',
}));

const rate = (n, ns) => Math.round(n / (Number(ns) / 1e9));
const dir = mkdtempSync(join(tmpdir(), 'cavra-bench-evidence-'));
try {
  // Appends: build records (RFC 8785 via pre-sorted keys), hash, write, fsync, state and checkpoint per batch.
  let appendNs = 0n;
  for (let from = 0; from < RECORDS; from += BATCH) {
    const batch = inputs(from, Math.min(BATCH, RECORDS - from));
    const t = process.hrtime.bigint();
    await appendEvidence(dir, batch, { now });
    appendNs += process.hrtime.bigint() - t;
  }
  const file = join(dir, 'evidence.jsonl');
  const bytes = statSync(file).size;

  // Raw SHA-256 of the same line bytes: one hash per line, same chunked reading as the verifier.
  const rawHash = () => {
    const fd = openSync(file, 'r');
    const buf = Buffer.allocUnsafe(8 * 1024 * 1024);
    let carry = 0;
    let n = 0;
    for (;;) {
      const read = readSync(fd, buf, carry, buf.length - carry, null);
      if (read === 0) break;
      const end = carry + read;
      let p = 0;
      for (let e = buf.indexOf(10, p); e !== -1 && e < end; e = buf.indexOf(10, p)) {
        hash('sha256', buf.subarray(p, e), 'hex');
        n += 1;
        p = e + 1;
      }
      buf.copy(buf, 0, p, end);
      carry = end - p;
    }
    closeSync(fd);
    return n;
  };

  const rounds = Number(process.env.ROUNDS ?? 3);
  const raw = [];
  const verify = [];
  const deep = [];
  const oneThread = [];
  for (let r = 0; r < rounds; r += 1) {
    let t = process.hrtime.bigint();
    const n = rawHash();
    raw.push(rate(n, process.hrtime.bigint() - t));
    t = process.hrtime.bigint();
    const scan = await scanLogFileParallel(file, { force: true });
    verify.push(rate(scan.records, process.hrtime.bigint() - t));
    t = process.hrtime.bigint();
    const single = scanLogFile(file);
    oneThread.push(rate(single.records, process.hrtime.bigint() - t));
    if (scan.records !== RECORDS || scan.problems.length > 0) throw new Error(`verification failed: ${JSON.stringify(scan.problems.slice(0, 3))}`);
  }
  {
    const t = process.hrtime.bigint();
    const log = verifyLog(dir, { parse: true });
    deep.push(rate(log.scan.records, process.hrtime.bigint() - t));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rawRate = median(raw);
  const verifyRate = median(verify);
  const appendRate = rate(RECORDS, appendNs);
  console.log(JSON.stringify({
    bench: 'evidence',
    records: RECORDS,
    batch: BATCH,
    bytes_per_record: Math.round(bytes / RECORDS),
    append_records_per_s: appendRate,
    raw_sha256_records_per_s: rawRate,
    raw_sha256_mb_per_s: Math.round((rawRate * bytes) / RECORDS / 1e6),
    verify_records_per_s: verifyRate,
    verify_vs_raw: Number((verifyRate / rawRate).toFixed(3)),
    verify_one_thread_records_per_s: median(oneThread),
    verify_one_thread_vs_raw: Number((median(oneThread) / rawRate).toFixed(3)),
    verify_with_json_parse_records_per_s: median(deep),
    rounds: { raw, verify, one_thread: oneThread },
    targets: { verify_vs_raw: 0.5, append_records_per_s: 100_000 },
    met: { verify: verifyRate / rawRate >= 0.5, append: appendRate >= 100_000 },
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
