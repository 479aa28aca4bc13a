import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { CavraError } from '../errors.ts';

/** The largest checkpoint, bundle or state file we read (real ones are a few kB). */
export const MAX_SIDE_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads a small regular file: refuses a directory, a device, a FIFO (`/dev/zero` behind a
 * symlink would otherwise be read until memory runs out) and anything over `maxBytes`.
 * Returns `undefined` when the file does not exist.
 * attacker-controlled: the file's type, size and bytes.
 */
export function readRegularFile(path: string, what: string, maxBytes = MAX_SIDE_FILE_BYTES): Buffer | undefined {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read ${what} \`${path}\`: ${code ?? 'error'}`, { cause });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new CavraError('ERR_INPUT_UNREADABLE', `${what} \`${path}\` is not a regular file`, { hint: 'remove it or point at the file itself' });
    if (stat.size > maxBytes) throw new CavraError('ERR_INPUT_UNREADABLE', `${what} \`${path}\` is larger than ${maxBytes} bytes`);
    const buf = Buffer.alloc(stat.size);
    let off = 0;
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

/** {@link readRegularFile} as UTF-8 text. */
export function readRegularText(path: string, what: string, maxBytes = MAX_SIDE_FILE_BYTES): string | undefined {
  return readRegularFile(path, what, maxBytes)?.toString('utf8');
}
