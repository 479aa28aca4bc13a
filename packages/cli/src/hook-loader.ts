// Runs the hook's own bundle (dist/cli/cavra-hook.cjs) through V8's code cache of an earlier
// hook. Node's compile cache keeps only what V8 compiles before the module runs; a hook spends
// most of its time compiling the functions it then calls (~13 ms of a ~35 ms Read). A cache
// made after a run holds those too. The cache is a speed-up only: missing, stale or refused,
// the bundle compiles from source and the hook decides exactly the same.
//
// The cache lives in a private per-user folder (0700, owned by the user, not a link). Whoever
// can write there can already replace the bundle itself, so it trusts nothing new; V8 refuses
// data made by another V8, other flags or another source length, and the file name carries
// the bundle's build id (the SHA-256 the build stamps on its first line), so an updated bundle
// never meets an old cache. Nothing here loads node:crypto: it alone would cost ~15 ms.
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import type { CliIo } from './io.ts';
import type { ProcessIo } from './process-io.ts';

/** What the hook bundle exports (see hook-entry.ts). */
interface HookBundle {
  runHookCli(args: string[], io: CliIo): Promise<number>;
  processIo: ProcessIo;
  wasmTunedForShortRuns(): boolean;
}

// Tools whose events carry a shell command (Claude Code, Codex, Copilot, Cursor, Gemini): those
// hooks run the command analyser, so they keep a cache of their own.
const SHELL_EVENT = /"(?:Bash|bash|Shell|shell|PowerShell|run_shell_command|exec_command|local_shell|command_execution|beforeShellExecution)"/;

const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** Runs `cavra hook …` from the built bundle at `bundle`, with the code cache when it can. */
export async function runBuiltHook(bundle: string, args: string[], streams: (processIo: ProcessIo) => CliIo): Promise<number> {
  const source = readFileSync(bundle, 'utf8');
  const event = readEventText();
  const cacheFile = cacheFileFor(source, event !== undefined && SHELL_EVENT.test(event) ? 'command' : 'other');
  const cachedData = cacheFile === undefined ? undefined : readPrivateFile(cacheFile);
  // Strict, as the modules it was bundled from (the bundle's own directive follows its banner).
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {'use strict';${source}\n})`, {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as HookBundle };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  const hook = module.exports;
  // The event was read here already (to pick the cache): the hook gets the same text.
  const processIo: ProcessIo = event === undefined ? hook.processIo : { ...hook.processIo, readStdin: async () => event };
  const code = await hook.runHookCli(args, streams(processIo));
  // V8 stamps its flags into a cache: one made after the hook tuned them for the bash parser's
  // wasm would be refused by every hook that does not, so none is made then.
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  if (cacheFile !== undefined && stale && !hook.wasmTunedForShortRuns()) writePrivateFile(cacheFile, script.createCachedData());
  return code;
}

// The whole event from fd 0, or undefined when it cannot be read that way (the hook then reads
// its stdin as it always does).
function readEventText(): string | undefined {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return undefined;
  }
}

/** The first line of a built hook bundle: its build id, the SHA-256 of the rest of the file. */
const HOOK_BUILD_ID = /^\/\/ cavra-hook-build ([0-9a-f]{64})\n/;

function cacheFileFor(source: string, kind: string): string | undefined {
  // An operator who wants no cache on disk at all turns it off.
  if (process.env.CAVRA_HOOK_CACHE === 'off') return undefined;
  const build = HOOK_BUILD_ID.exec(source)?.[1];
  const dir = build === undefined ? undefined : privateCacheDir();
  if (dir === undefined) return undefined;
  return join(dir, `${build!.slice(0, 32)}-${process.version}-${process.arch}-${kind}.v8cache`);
}

// os.tmpdir()/cavra-hook-cache-UID, created 0700; used only while it is a real folder of this
// user that nobody else can write to.
function privateCacheDir(): string | undefined {
  const uid = process.getuid?.();
  const dir = join(tmpdir(), `cavra-hook-cache-${uid ?? 'user'}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  try {
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (process.platform !== 'win32' && (stat.mode & 0o077) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

function readPrivateFile(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stat = fstatSync(fd);
    const uid = process.getuid?.();
    if (!stat.isFile() || (uid !== undefined && stat.uid !== uid) || stat.size > MAX_CACHE_BYTES) return undefined;
    const bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) return undefined;
      read += n;
    }
    return bytes;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// By rename, so a concurrent hook reads the old cache or the new one, never half of one.
function writePrivateFile(file: string, bytes: Buffer): void {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temp, bytes, { mode: 0o600, flag: 'wx' });
    renameSync(temp, file);
  } catch {
    // A cache that cannot be written only costs the next hook its speed-up.
    rmSync(temp, { force: true });
  }
}
