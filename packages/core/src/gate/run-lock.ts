// One gate run per evidence directory at a time. Two runs appending to one log would each seal
// and report only their own decisions over a log holding both, so the report would disagree
// with what was sealed. The lock sits beside the directory, never inside the evidence.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CavraError } from '../errors.ts';

/** Takes the run lock of `evidenceDir`, runs `work`, and releases it, whatever happens. */
export async function withGateRunLock<T>(evidenceDir: string, work: () => Promise<T>): Promise<T> {
  const lockPath = `${resolve(evidenceDir)}.gate-run.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  acquire(lockPath);
  try {
    return await work();
  } finally {
    rmSync(lockPath, { force: true });
  }
}

function acquire(lockPath: string): void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new CavraError('ERR_EVIDENCE_LOCKED', `cannot take the gate run lock \`${lockPath}\``, { cause, hint: 'check that the evidence directory\'s parent is writable' });
      }
      // A lock left by a run that was killed names a process that is gone: take it over once.
      if (attempt === 0 && !holderAlive(lockPath)) {
        rmSync(lockPath, { force: true });
        continue;
      }
      throw new CavraError('ERR_EVIDENCE_LOCKED', `another gate run is using the evidence directory \`${lockPath.slice(0, -'.gate-run.lock'.length)}\``, {
        hint: 'wait for it to finish, or give each run its own evidence directory',
      });
    }
  }
}

function holderAlive(lockPath: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lockPath, 'utf8').trim());
  } catch {
    return true;
  }
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
