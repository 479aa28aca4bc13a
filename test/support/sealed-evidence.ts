import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.ts';

const MAIN = join(REPO_ROOT, 'packages/cli/src/main.ts');

/** Runs the real CLI (`node packages/cli/src/main.ts …`) with extra environment variables. */
export function cavra(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A real evidence directory: decisions recorded by `cavra evaluate --evidence`, sealed with a
 * fresh P-256 key by `cavra evidence seal`. Returns the directory and the public key to verify with.
 */
export function sealedEvidence(): { dir: string; publicKeyPem: string } {
  const work = mkdtempSync(join(tmpdir(), 'cavra-sealed-'));
  const dir = join(work, 'evidence');
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyPem = join(work, 'signing.pem');
  const publicKeyPem = join(work, 'signing.pub.pem');
  writeFileSync(keyPem, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(publicKeyPem, publicKey.export({ type: 'spki', format: 'pem' }));
  const batch = join(work, 'batch.jsonl');
  writeFileSync(batch, ['{"action_type":"read_file","target":"README.md","session_id":"s1"}', '{"action_type":"git_operation","target":"main","operation":"push","session_id":"s1"}'].join('\n'));
  for (const args of [['evaluate', '--batch', batch, '--evidence', dir], ['evidence', 'seal', dir, '--key', keyPem]]) {
    const run = cavra(args);
    if (run.code !== 0) throw new Error(`cavra ${args.join(' ')} failed (${run.code}): ${run.stderr}`);
  }
  return { dir, publicKeyPem };
}
