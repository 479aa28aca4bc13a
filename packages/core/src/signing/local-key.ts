import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CavraError } from '../errors.ts';
import { generateSigningKey } from './key-lifecycle.ts';
import { privateKeyFromPem } from './keys.ts';

/** A signing key read from a PEM file, or made there on first use. */
export interface LocalSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Whether this call generated the key. */
  created: boolean;
  /** Where the public half is, for `cavra verify --trusted-key`, when it is on disk. */
  publicKeyPath: string | undefined;
}

/**
 * Opens the signing key at `path`, generating an Ed25519 key there (mode 0600, public half
 * beside it as `<path>.pub`) when none exists. For local and air-gapped runs; CI runs sign
 * keyless or with a key from the secret store. The private key is never copied anywhere else.
 */
export function openLocalSigningKey(path: string, options: { create?: boolean } = {}): LocalSigningKey {
  // Named as `cavra keys generate` names them: PREFIX.pem and PREFIX.pub.pem.
  const publicKeyPath = `${path.replace(/\.pem$/, '')}.pub.pem`;
  let created = false;
  if (!existsSync(path) && (options.create ?? true)) {
    const key = generateSigningKey('ed25519');
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    try {
      // `wx`: never replace a key another process created meanwhile.
      writeFileSync(path, key.privateKeyPem, { mode: 0o600, flag: 'wx' });
      writeFileSync(publicKeyPath, key.publicKeyPem, { mode: 0o644 });
      created = true;
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new CavraError('ERR_KEY_INVALID', `cannot create the signing key \`${path}\``, { cause, hint: 'check that the directory is writable, or give a signing key of your own' });
      }
    }
  }
  let pem: Buffer;
  try {
    pem = readFileSync(path);
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read the signing key \`${path}\``, { cause, hint: 'check the path of the signing key' });
  }
  const privateKey = privateKeyFromPem(pem, path);
  return { privateKey, publicKey: createPublicKey(privateKey), created, publicKeyPath: existsSync(publicKeyPath) ? publicKeyPath : undefined };
}
