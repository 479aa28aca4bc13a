import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAEMON_EVIDENCE_SCHEMA, daemonRecordHash, daemonRecordSignature, encodeDaemonRequest, encodeDaemonResponse, goJsonString, verifyDaemonLog } from '../../src/index.ts';
import { tempDir } from './support.ts';

const v = JSON.parse(readFileSync(new URL('../../../../fixtures/evidence/daemon-vectors.json', import.meta.url), 'utf8'));

// Builds a daemon log the way the Go recorder does (§5.1), from the vector inputs.
function daemonLog(count: number, key?: string): string {
  const recordId = createHash('sha256').update(`${encodeDaemonRequest(v.request)}\n${encodeDaemonResponse(v.response)}\n${goJsonString(v.timestamp)}\n`).digest('hex').slice(0, 24);
  let previous = '';
  const lines: string[] = [];
  for (let sequence = 1; sequence <= count; sequence += 1) {
    const record: Record<string, unknown> = {
      schema_version: DAEMON_EVIDENCE_SCHEMA, product: 'CAVRA', event_type: 'cavra.go_daemon.decision', record_id: recordId, sequence,
      ...(previous ? { previous_hash: previous } : {}), timestamp: v.timestamp, request: v.request,
      response: { ...v.response, evidence_refs: [`go-daemon-evidence://${recordId}`] },
    };
    record.record_hash = daemonRecordHash(record);
    if (key) record.signature = { algorithm: 'HMAC-SHA256', value: daemonRecordSignature(key, previous, record.record_hash as string) };
    previous = record.record_hash as string;
    lines.push(JSON.stringify(record));
  }
  return `${lines.join('\n')}\n`;
}

describe('upstream daemon evidence (cavra.go-daemon.evidence.v1)', () => {
  it('reproduces the documented record id, hashes and HMAC signatures', () => {
    const lines = daemonLog(2, v.hmac_key).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].record_id).toBe(v.record_id);
    expect(lines.map((l) => l.record_hash)).toEqual(v.records.map((r: { record_hash: string }) => r.record_hash));
    expect(lines.map((l) => l.signature.value)).toEqual(v.records.map((r: { signature: string }) => r.signature));
  });

  it('escapes as Go does: HTML characters, U+2028, short escapes', () => {
    expect(goJsonString('<a&b>\u2028\b\f\n\u0001é')).toBe('"\\u003ca\\u0026b\\u003e\\u2028\\b\\f\\n\\u0001é"');
  });

  it('verifies a signed log and names each tampered record', () => {
    const dir = tempDir('cavra-daemon-');
    const file = join(dir, 'daemon.jsonl');
    writeFileSync(file, daemonLog(4, v.hmac_key));
    expect(verifyDaemonLog(file, { hmacKey: v.hmac_key })).toEqual({ path: file, valid: true, records: 4, signed_records: 4, errors: [], format: 'cavra-daemon' });
    expect(verifyDaemonLog(file, { hmacKey: 'wrong' }).errors[0]).toMatch(/^record 1: .*ERR_EVIDENCE_SIGNATURE_INVALID/);

    const lines = readFileSync(file, 'utf8').trim().split('\n');
    writeFileSync(file, `${[lines[0], lines[1]!.replace('execute_command', 'read_file'), lines[2], lines[3]].join('\n')}\n`);
    expect(verifyDaemonLog(file, { hmacKey: v.hmac_key }).errors).toEqual([expect.stringMatching(/^record 2: record_hash .*ERR_EVIDENCE_HASH_MISMATCH/)]);

    writeFileSync(file, `${[lines[0], lines[2], lines[3]].join('\n')}\n`);
    const removed = verifyDaemonLog(file, { hmacKey: v.hmac_key });
    expect(removed.valid).toBe(false);
    expect(removed.errors[0]).toMatch(/^record 2: sequence 3/);
  });

  it('rejects stripped signatures when a key is given (upstream accepted them, §10.20)', () => {
    const dir = tempDir('cavra-daemon-');
    const file = join(dir, 'daemon.jsonl');
    writeFileSync(file, daemonLog(2));
    expect(verifyDaemonLog(file, { allowUnsigned: true }).valid).toBe(true);
    // Issue 18 item 5: without a key and without the explicit opt-in, an unsigned log proves nothing.
    expect(verifyDaemonLog(file)).toMatchObject({ valid: false, errors: [expect.stringMatching(/ERR_EVIDENCE_UNSIGNED/)] });
    const strict = verifyDaemonLog(file, { hmacKey: v.hmac_key });
    expect(strict.valid).toBe(false);
    expect(strict.errors[0]).toMatch(/^record 1: .*ERR_EVIDENCE_UNSIGNED/);
    writeFileSync(file, '\n');
    expect(verifyDaemonLog(file).errors).toEqual(['evidence stream is empty [ERR_EVIDENCE_EMPTY]']);
  });
});
