import { closeSync, constants, existsSync, fchmodSync, lstatSync, openSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CavraError,
  KEY_ALGORITHMS,
  addTrustedKey,
  emptyTrustRoot,
  generateSigningKey,
  publicKeyFromPem,
  revokeTrustedKey,
  rotateTrustedKey,
  trustEntryOf,
  trustedKeysOf,
  type KeyAlgorithm,
  type TrustRootFile,
} from '@cavra/core';
import { EXIT, writeAll, type Command, type CliIo } from '../io.ts';
import { readJsonObject } from '../read-input.ts';

const SUBCOMMANDS = ['generate', 'list', 'rotate', 'revoke'] as const;

/**
 * `cavra keys generate|list|rotate|revoke`: offline signing keys and the trust root that says
 * which are active, retired or revoked. Private keys go to a 0600 file only, never to stdout.
 */
export const keysCommand: Command = async (args, io) => {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      algorithm: { type: 'string', default: 'ed25519' },
      'trust-root': { type: 'string' },
      'valid-until': { type: 'string' },
      owner: { type: 'string' },
      reason: { type: 'string' },
    },
  });
  const now = new Date();
  const rootFile = values['trust-root'];
  switch (sub as (typeof SUBCOMMANDS)[number]) {
    case 'generate':
    case 'rotate': {
      if (values.out === undefined) throw new CavraError('ERR_USAGE', `\`cavra keys ${sub}\` needs \`--out PREFIX\``, { hint: 'writes PREFIX.pem (private) and PREFIX.pub.pem' });
      if (sub === 'rotate' && rootFile === undefined) throw new CavraError('ERR_USAGE', '`cavra keys rotate` needs `--trust-root FILE`');
      const algorithm = parseAlgorithm(values.algorithm);
      const key = generateSigningKey(algorithm);
      const privatePath = `${values.out}.pem`;
      const publicPath = `${values.out}.pub.pem`;
      assertNewKeyPaths(values.out, [privatePath, publicPath]);
      createExclusive(privatePath, key.privateKeyPem, 0o600);
      createExclusive(publicPath, key.publicKeyPem, 0o644);
      if (rootFile !== undefined) {
        const entry = trustEntryOf(publicKeyFromPem(key.publicKeyPem, publicPath), now, {
          ...(values['valid-until'] ? { validUntil: values['valid-until'] } : {}),
          ...(values.owner ? { owner: values.owner } : {}),
        });
        const root = readRoot(rootFile, sub === 'generate');
        writeRoot(rootFile, sub === 'rotate' ? rotateTrustedKey(root, entry, now) : addTrustedKey(root, entry));
      }
      return print(io, { key_id: key.keyId, algorithm, private_key: privatePath, public_key: publicPath, ...(rootFile ? { trust_root: rootFile } : {}) });
    }
    case 'list': {
      if (rootFile === undefined) throw new CavraError('ERR_USAGE', '`cavra keys list` needs `--trust-root FILE`');
      const root = readRoot(rootFile, false);
      trustedKeysOf(root, rootFile);
      return print(io, root.keys.map(({ public_key_pem: _pem, ...rest }) => rest));
    }
    case 'revoke': {
      const [keyId] = positionals;
      if (keyId === undefined || rootFile === undefined) throw new CavraError('ERR_USAGE', 'usage: `cavra keys revoke KEY_ID --trust-root FILE [--reason TEXT]`');
      const root = revokeTrustedKey(readRoot(rootFile, false), keyId, now, values.reason ?? 'revoked');
      writeRoot(rootFile, root);
      return print(io, root.keys.filter((k) => k.status === 'revoked').map(({ public_key_pem: _pem, ...rest }) => rest));
    }
    default:
      throw new CavraError('ERR_USAGE', `unknown keys subcommand \`${sub ?? ''}\``, { hint: `use one of ${SUBCOMMANDS.join(', ')}` });
  }
};

// `lstat`, not `exists`: a dangling symlink at the output is refused, never followed.
function assertNewKeyPaths(prefix: string, paths: readonly string[]): void {
  const dir = dirname(prefix);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new CavraError('ERR_USAGE', `directory \`${dir}\` of \`--out ${prefix}\` does not exist`, { hint: 'create it first, or pick another `--out` prefix' });
  for (const path of paths) {
    let present = true;
    try {
      lstatSync(path);
    } catch {
      present = false;
    }
    if (present) throw new CavraError('ERR_USAGE', `\`${path}\` exists; refusing to overwrite a key`, { hint: 'pick another `--out` prefix' });
  }
}

// O_EXCL|O_NOFOLLOW: created here and now, never through a link planted between check and write.
function createExclusive(path: string, text: string, mode: number): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  } catch (cause) {
    throw new CavraError('ERR_USAGE', `cannot create \`${path}\`: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, { cause, hint: 'pick another `--out` prefix' });
  }
  try {
    fchmodSync(fd, mode);
    writeFileSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

function parseAlgorithm(value: string | undefined): KeyAlgorithm {
  if (!KEY_ALGORITHMS.includes(value as KeyAlgorithm)) throw new CavraError('ERR_USAGE', `unknown algorithm \`${value}\``, { hint: `use one of ${KEY_ALGORITHMS.join(', ')}` });
  return value as KeyAlgorithm;
}

function readRoot(file: string, createIfAbsent: boolean): TrustRootFile {
  if (createIfAbsent && !existsSync(file)) return emptyTrustRoot();
  const root = readJsonObject(file, 'trust-root') as unknown as TrustRootFile;
  trustedKeysOf(root, file);
  return root;
}

function writeRoot(file: string, root: TrustRootFile): void {
  writeFileSync(file, `${JSON.stringify(root, null, 2)}\n`);
}

async function print(io: CliIo, value: unknown): Promise<0> {
  await writeAll(io.stdout, `${JSON.stringify(value, null, 2)}\n`);
  return EXIT.ok;
}
