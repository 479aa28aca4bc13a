import {
  CavraError,
  DEFAULT_ORIGIN,
  KeyBundleSigner,
  fetchPublicTrustedRoot,
  noteSignerFromKey,
  openLocalSigningKey,
  pinnedKey,
  type GateOptions,
} from '@cavra/core';
import { readJsonObject } from '../read-input.ts';
import { keylessSigner, type KeylessValues } from './keyless.ts';

/** How a gate run signs its evidence and how the result is verified. */
export interface Signing {
  gate: Pick<GateOptions, 'signer' | 'noteSigner' | 'trust'>;
  /** How an auditor verifies the result, for the closing hint. */
  verifyArgs: string;
}

// The embedded default: a local key, made on first use, that signs the bundle and the checkpoints.
export function localSigning(path: string, progress: (message: string) => void): Signing {
  const key = openLocalSigningKey(path);
  if (key.created) progress(`created a local signing key at ${path} (public half: ${key.publicKeyPath})`);
  return {
    gate: { signer: new KeyBundleSigner(key.privateKey), noteSigner: noteSignerFromKey(DEFAULT_ORIGIN, key.privateKey), trust: { trustedKeys: [pinnedKey(key.publicKey)] } },
    verifyArgs: key.publicKeyPath ? `--trusted-key ${key.publicKeyPath}` : '--trusted-key PUBLIC_KEY.pem',
  };
}

export interface KeylessGateValues extends KeylessValues {
  'trust-root'?: string | undefined;
  'certificate-identity'?: string | undefined;
  'certificate-oidc-issuer'?: string | undefined;
}

// Keyless: Fulcio certifies the job's identity; the sealed bundle is verified against the expected
// identity before the run counts, with a pinned trusted root or public-good Sigstore's.
export async function keylessSigning(values: KeylessGateValues): Promise<Signing> {
  const identity = values['certificate-identity'];
  const issuer = values['certificate-oidc-issuer'];
  if (!identity || !issuer) {
    throw new CavraError('ERR_USAGE', '`--keyless` needs `--certificate-identity ID` and `--certificate-oidc-issuer URL`', { hint: 'the identity the signing certificate must carry, e.g. the workflow ref' });
  }
  const rootFile = values['trust-root'];
  if (rootFile === undefined && values['fulcio-url'] !== undefined) {
    throw new CavraError('ERR_USAGE', 'a private Fulcio needs its `trusted_root.json` in `--trust-root FILE`');
  }
  const trustedRoot = rootFile === undefined ? await fetchPublicTrustedRoot() : readJsonObject(rootFile, 'trust-root');
  return {
    gate: { signer: await keylessSigner(values, process.env), trust: { trustedRoot, certificateIdentity: identity, certificateIssuer: issuer } },
    verifyArgs: `--trust-root ${rootFile ?? 'trusted_root.json'} --certificate-identity ${identity} --certificate-oidc-issuer ${issuer}`,
  };
}
