// Issue 18 (Low, item 4 verify flags, item 5): the CLI contract under misuse. Every bad input
// exits 2 with one line on stderr, never a stack trace; nothing is created as a side effect;
// requests are recorded as sent or refused. In-process through the dispatcher.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../packages/cli/src/run.ts';
import { CAVRA_VERSION } from '../packages/cli/src/version.ts';
import { daemonRecordHash, DAEMON_EVIDENCE_SCHEMA } from '../packages/core/src/index.ts';
import { tempDir } from '../packages/core/test/evidence/support.ts';
import { REPO_ROOT } from './support/paths.ts';

const ATTACKS = join(REPO_ROOT, 'fixtures', 'evidence', 'attacks');
const READ = '{"action_type":"read_file","target":"README.md"}';

async function cavra(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += String(chunk)));
  stderr.on('data', (chunk) => (err += String(chunk)));
  const stdin = new PassThrough();
  stdin.end();
  const status = await runCli(args, { stdout, stderr, stdin });
  return { status, stdout: out, stderr: err };
}

function expectOneLine(result: { status: number; stderr: string }, status: number, pattern: RegExp): void {
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(result.status).toBe(status);
}

let work: string;
let sealed: string;
let keyPem: string;
let pubPem: string;

beforeAll(async () => {
  work = tempDir('cavra-contract-');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  keyPem = join(work, 'k.pem');
  pubPem = join(work, 'k.pub.pem');
  writeFileSync(keyPem, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(pubPem, publicKey.export({ type: 'spki', format: 'pem' }));
  sealed = join(work, 'sealed');
  writeFileSync(join(work, 'batch.jsonl'), `${READ}\n{"action_type":"write_file","target":".env"}\n`);
  expect((await cavra('evaluate', '--batch', join(work, 'batch.jsonl'), '--evidence', sealed)).status).toBe(0);
  expect((await cavra('evidence', 'seal', sealed, '--key', keyPem)).status).toBe(0);
}, 60_000);

function copySealed(): string {
  const dir = tempDir('cavra-contract-copy-');
  cpSync(sealed, dir, { recursive: true });
  return dir;
}

describe('stack traces become one line and exit 2 (issue 18 Low)', { timeout: 60_000 }, () => {
  test('a request larger than the limit (a 100 MB target, here 5 MB)', async () => {
    const file = join(work, 'big.jsonl');
    writeFileSync(file, `${JSON.stringify({ action_type: 'read_file', target: 'x'.repeat(5 * 1024 * 1024) })}\n`);
    expectOneLine(await cavra('evaluate', '--batch', file), 2, /line 1 is larger than \d+ bytes/);
  });

  test('a YAML alias bomb in a pack', async () => {
    expectOneLine(await cavra('evaluate', '--pack', join(ATTACKS, 'yaml-alias-bomb.yaml'), '--request', READ), 2, /invalid yaml in .*alias/i);
  });

  test('verify where evidence.jsonl is a directory', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'evidence.jsonl'));
    expectOneLine(await cavra('verify', dir), 2, /is not a regular file/);
  });

  test.for(['file', '/dev/null', '/proc/cavra-x'])('--evidence pointing at %s', async (where) => {
    const target = where === 'file' ? join(work, 'batch.jsonl') : where;
    expectOneLine(await cavra('evaluate', '--request', READ, '--evidence', target), 2, /cannot use .* as an evidence directory/);
  });

  test('keys generate into a missing directory', async () => {
    expectOneLine(await cavra('keys', 'generate', '--out', '/nonexistent/dir/x'), 2, /directory `\/nonexistent\/dir` of `--out/);
  });

  test.for([
    ['not JSON', 'garbage'],
    ['a payload that is not base64 JSON', '{"dsseEnvelope":{"payload":"!!"}}'],
    ['no tree size', '{"dsseEnvelope":{"payload":"e30="}}'],
  ])('evidence prove on a corrupt bundle (%s)', async ([, text]) => {
    const dir = copySealed();
    writeFileSync(join(dir, 'bundle.sigstore.json'), text!);
    expectOneLine(await cavra('evidence', 'prove', dir, '--record', '1'), 2, /bundle\.sigstore\.json.* so no proof can be built/);
  });

  test('verify --proof with a 33-byte hash fails verification, no trace', async () => {
    const proof = JSON.parse((await cavra('evidence', 'prove', sealed, '--record', '1')).stdout) as { hashes: string[]; root_hash: string };
    for (const field of ['root_hash', 'hashes'] as const) {
      const file = join(work, `proof-${field}.json`);
      writeFileSync(file, JSON.stringify({ ...proof, ...(field === 'root_hash' ? { root_hash: 'ab'.repeat(33) } : { hashes: ['ab'.repeat(33)] }) }));
      const result = await cavra('verify', '--proof', file, '--trusted-key', pubPem);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ valid: false });
    }
  });

  test('a checkpoint that is a directory, or a symlink to /dev/zero, is a problem in the report, read no further', async () => {
    for (const plant of ['dir', 'zero'] as const) {
      const dir = copySealed();
      rmSync(join(dir, 'checkpoint'));
      if (plant === 'dir') mkdirSync(join(dir, 'checkpoint'));
      else symlinkSync('/dev/zero', join(dir, 'checkpoint'));
      const result = await cavra('verify', dir, '--trusted-key', pubPem);
      expect(result.status).toBe(1);
      expect(JSON.parse(result.stdout).errors.join('\n')).toMatch(/checkpoint.* is not a regular file/);
    }
  });
});

describe('no side effects (issue 18 Low)', () => {
  test('evidence seal on a missing directory does not create it', async () => {
    const missing = join(work, 'missing');
    expectOneLine(await cavra('evidence', 'seal', missing, '--key', keyPem), 2, /no evidence log at/);
    expect(existsSync(missing)).toBe(false);
  });

  test('keys generate refuses a dangling symlink at its output and writes nothing through it', async () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'elsewhere.pem'), join(dir, 'k.pem'));
    expectOneLine(await cavra('keys', 'generate', '--out', join(dir, 'k')), 2, /exists; refusing to overwrite a key/);
    expect(existsSync(join(dir, 'elsewhere.pem'))).toBe(false);
    expect(lstatSync(join(dir, 'k.pem')).isSymbolicLink()).toBe(true);
  });

  test('benign: keys generate into a fresh prefix writes a 0600 private key', async () => {
    const dir = tempDir();
    const result = await cavra('keys', 'generate', '--out', join(dir, 'k'));
    expect(result.status).toBe(0);
    expect(lstatSync(join(dir, 'k.pem')).mode & 0o777).toBe(0o600);
  });
});

describe('evidence records the request as sent, or refuses it (issue 18 Low)', () => {
  const cases = JSON.parse(readFileSync(join(ATTACKS, 'requests-json-would-change.json'), 'utf8')) as Record<'refused' | 'kept', { name: string; request: string }[]>;

  test.for(cases.refused)('refused: $name', async ({ request }) => {
    const dir = join(tempDir(), 'ev');
    expectOneLine(await cavra('evaluate', '--request', request, '--evidence', dir), 2, /refusing rather than recording it changed/);
    expect(existsSync(join(dir, 'evidence.jsonl'))).toBe(false);
  });

  test('refused: invalid UTF-8 in a batch line', async () => {
    expectOneLine(await cavra('evaluate', '--batch', join(ATTACKS, 'invalid-utf8.jsonl')), 2, /line 1 is not valid UTF-8/);
  });

  test.for(cases.kept)('kept: $name, byte for byte in the record', async ({ request }) => {
    const dir = join(tempDir(), 'ev');
    const result = await cavra('evaluate', '--request', request, '--evidence', dir);
    expect(result.status).toBe(0);
    const line = readFileSync(join(dir, 'evidence.jsonl'), 'utf8');
    const record = JSON.parse(line) as { record: { request: Record<string, unknown> } };
    expect(record.record.request).toEqual(JSON.parse(request));
  });
});

describe('verify refuses what it cannot vouch for (issue 18 items 4 and 5)', () => {
  test('cavra-daemon without a key is ERR_EVIDENCE_UNSIGNED unless --allow-unsigned', async () => {
    const file = join(work, 'daemon.jsonl');
    const record: Record<string, unknown> = { schema_version: DAEMON_EVIDENCE_SCHEMA, sequence: 1, previous_hash: '', request: { action_type: 'read_file', target: 'forged' }, decision: { decision: 'allow' }, record_hash: '' };
    record.record_hash = daemonRecordHash(record);
    writeFileSync(file, `${JSON.stringify(record)}\n`);
    const strict = await cavra('verify', file, '--format', 'cavra-daemon');
    expect(strict.status).toBe(1);
    expect(JSON.parse(strict.stdout)).toMatchObject({ valid: false, errors: [expect.stringMatching(/ERR_EVIDENCE_UNSIGNED/)] });
    const lax = await cavra('verify', file, '--format', 'cavra-daemon', '--allow-unsigned');
    expect(lax.status).toBe(0);
  });

  test('--expect-size and --expect-root pin the signed tree; the size is in the report', async () => {
    const ok = await cavra('verify', sealed, '--trusted-key', pubPem, '--expect-size', '2');
    expect(ok.status).toBe(0);
    const report = JSON.parse(ok.stdout) as { tree_size: number; root_hash: string };
    expect(report.tree_size).toBe(2);
    expect((await cavra('verify', sealed, '--trusted-key', pubPem, '--expect-root', report.root_hash)).status).toBe(0);
    const rolledBack = await cavra('verify', sealed, '--trusted-key', pubPem, '--expect-size', '3');
    expect(rolledBack.status).toBe(1);
    expect(JSON.parse(rolledBack.stdout).errors.join('\n')).toMatch(/2 records where 3 were expected/);
    expect((await cavra('verify', sealed, '--trusted-key', pubPem, '--expect-root', 'ab'.repeat(32))).status).toBe(1);
    expectOneLine(await cavra('verify', sealed, '--expect-size', 'two'), 2, /--expect-size two/);
    expectOneLine(await cavra('verify', sealed, '--expect-root', 'ab'), 2, /64 hex digits/);
  });
});

describe('a new user (issue 18 Low)', () => {
  test('cavra --version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(CAVRA_VERSION).toBe(pkg.version);
    expect(await cavra('--version')).toMatchObject({ status: 0, stdout: `cavra ${pkg.version}\n` });
  });

  test.for(['evaluate', 'evidence', 'verify', 'keys', 'explain', 'policy', 'auth', 'gate', 'demo', 'hook', 'aibom', 'self-verify'])('cavra %s --help prints that verb\'s usage and exits 0', async (verb) => {
    const result = await cavra(verb, '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^  cavra ${verb}\\b`, 'm'));
    const others = result.stdout.split('\n').filter((line) => /^  cavra /.test(line) && !line.startsWith(`  cavra ${verb}`));
    expect(others).toEqual([]);
  });
});

describe('explain (issue 18 Low)', () => {
  test('says why `tofu apply*` judges `terraform apply`, and prints no garbled canonical line for the env wrapper', async () => {
    const result = await cavra('explain', 'terraform plan && env TF_LOG=1 terraform -chdir=prod apply -auto-approve');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/by `tofu apply\*` \(`tofu` is read as `terraform`: the same tool under another name\)/);
    expect(result.stdout).not.toMatch(/canonical: env /);
    expect(result.stdout).toMatch(/canonical: terraform apply -chdir prod -auto-approve/);
    // Benign: a pattern of the same program carries no note.
    expect(result.stdout).toMatch(/by `terraform apply\*`\n/);
  });
});
