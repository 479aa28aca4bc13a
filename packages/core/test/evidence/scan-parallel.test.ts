import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendEvidence, scanLogFile, scanLogFileParallel } from '../../src/index.ts';
import { FIXED_NOW, input, tempDir } from './support.ts';

describe('two-thread scan', () => {
  it('gives the one-thread result on a clean and on a tampered log', async () => {
    const dir = tempDir();
    await appendEvidence(dir, Array.from({ length: 50 }, (_, i) => input(i + 1)), { now: FIXED_NOW });
    const file = join(dir, 'evidence.jsonl');
    const clean = await scanLogFileParallel(file, { force: true });
    expect(clean).toEqual(scanLogFile(file));
    expect(clean.problems).toEqual([]);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[9] = lines[9]!.replace('npm test', 'npm tesT');
    lines[20] = 'not a record';
    [lines[30], lines[31]] = [lines[31]!, lines[30]!];
    writeFileSync(file, `${lines.join('\n').slice(0, -30)}`);
    const tampered = await scanLogFileParallel(file, { force: true });
    expect(tampered.problems).toEqual(scanLogFile(file).problems);
    expect(tampered.problems.map((p) => [p.record, p.code])).toEqual([
      [10, 'ERR_EVIDENCE_HASH_MISMATCH'],
      [21, 'ERR_EVIDENCE_RECORD_MALFORMED'],
      [22, 'ERR_EVIDENCE_CHAIN_BROKEN'],
      [31, 'ERR_EVIDENCE_CHAIN_BROKEN'],
      [32, 'ERR_EVIDENCE_CHAIN_BROKEN'],
      [33, 'ERR_EVIDENCE_CHAIN_BROKEN'],
      [50, 'ERR_EVIDENCE_TRUNCATED'],
    ]);
  });
});
