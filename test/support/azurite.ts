import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ceph-rgw.ts';
import { REPO_ROOT } from './paths.ts';

/** Azurite's well-known development account and key (public, documented by Microsoft). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** A running Azurite Blob service on 127.0.0.1. */
export interface Azurite {
  /** Service URL including the account, as the SDK and `--endpoint` take it. */
  serviceUrl: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts `azurite-blob` (npm devDependency) in memory on a free loopback port. */
export async function startAzurite(): Promise<Azurite> {
  const port = await freePort();
  const workdir = mkdtempSync(join(tmpdir(), 'cavra-azurite-'));
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js'), '--blobHost', '127.0.0.1', '--blobPort', String(port), '--inMemoryPersistence', '--skipApiVersionCheck'],
    // cwd: a scratch folder, in case Azurite writes anything despite --inMemoryPersistence.
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: workdir },
  );
  // Never outlive the test process.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  await waitForListening(child, port);
  return {
    serviceUrl: `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`,
    port,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // Azurite's graceful close waits for idle keep-alive sockets; give it a moment, then end it.
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(workdir, { recursive: true, force: true });
    },
  };
}

function waitForListening(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`azurite did not listen on 127.0.0.1:${port} within 30s: ${output.slice(-500)}`)), 30_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/successfully listen/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`azurite exited with ${code}: ${output.slice(-500)}`)));
  });
}
