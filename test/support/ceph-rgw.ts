import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths.ts';

const run = promisify(execFile);
const SCRIPT = join(REPO_ROOT, 'test', 'support', 'ceph-rgw.sh');
const DIR_PREFIX = 'cavra-ceph-rgw-';

/** A running single-node Ceph cluster with an RGW (S3 with real Object Lock) on 127.0.0.1. */
export interface CephRgw {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Seconds the cold start took. */
  startSeconds: number;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Ceph (mon, memstore OSD, RGW) from the Debian packages that `.ci/install-services.sh`
 * installs, via `ceph-rgw.sh`. Fails with the script's message when it cannot start: never skips.
 * Clusters left behind by a test process that died are stopped first.
 */
export async function startCephRgw(): Promise<CephRgw> {
  await stopOrphans();
  const dir = join(tmpdir(), `${DIR_PREFIX}${process.pid}`);
  const [monPort, rgwPort] = [await freePort(), await freePort()];
  const accessKeyId = 'CAVRATESTACCESSKEY01';
  const secretAccessKey = 'cavra-test-secret-key-not-a-real-secret';
  let stdout: string;
  try {
    ({ stdout } = await run('bash', [SCRIPT, 'start', dir, String(monPort), String(rgwPort), accessKeyId, secretAccessKey], { timeout: 240_000 }));
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`Ceph RGW could not start (install it with .ci/install-services.sh): ${(e.stderr ?? e.message).trim().slice(-2000)}`);
  }
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  const startSeconds = Number(/ready ([\d.]+)/.exec(stdout)?.[1] ?? NaN);
  return {
    endpoint: `http://127.0.0.1:${rgwPort}`,
    accessKeyId,
    secretAccessKey,
    startSeconds,
    stop: async () => {
      await run('bash', [SCRIPT, 'stop', dir], { timeout: 60_000 });
    },
  };
}

// Self-cleaning: a cluster whose owning test process is gone is stopped (by its recorded PIDs).
async function stopOrphans(): Promise<void> {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    const ownerFile = join(dir, 'owner.pid');
    const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : Number(name.slice(DIR_PREFIX.length));
    if (owner === process.pid || isAlive(owner)) continue;
    await run('bash', [SCRIPT, 'stop', dir], { timeout: 60_000 }).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
