// How a gate run signs its evidence and what the sealed bundle must verify against. The keyless
// OIDC token is read here, once: from a token file, `SIGSTORE_ID_TOKEN`, or else the CI provider
// (audience `sigstore`). It is never printed or written.
import { createPublicKey } from 'node:crypto';
import { decodeJwt } from 'jose';
import { readFile } from 'node:fs/promises';
import { CavraError } from '../errors.ts';
import { DEFAULT_ORIGIN } from '../evidence/log.ts';
import { noteSignerFromKey } from '../evidence/checkpoint.ts';
import { runnerTokenSource } from '../identity/acquire/detect-token-source.ts';
import { KeyBundleSigner } from '../signing/key-signer.ts';
import { privateKeyFromPem } from '../signing/keys.ts';
import { openLocalSigningKey } from '../signing/local-key.ts';
import { fetchPublicTrustedRoot } from '../signing/public-trusted-root.ts';
import { SigstoreSigner } from '../signing/sigstore-signer.ts';
import type { Signer } from '../signing/signer.ts';
import { pinnedKey } from '../signing/trusted-key.ts';
import type { GateOptions } from './run.ts';
import type { GateEdges, GateSigningInputs } from './inputs.ts';
import { optionError } from './option-error.ts';
import { detectProvider } from './providers.ts';
import { readJsonObjectFile } from './read-json-file.ts';

export type KeylessSigningInputs = Extract<GateSigningInputs, { kind: 'keyless' }>;

/** What a run signs with, and how an auditor verifies it afterwards. */
export interface GateSigning {
  gate: Pick<GateOptions, 'signer' | 'noteSigner' | 'trust'>;
  /** What `verify` needs: the public key file, or the keyless identity and trust root. */
  verifyWith: { trustedKeyFile?: string; trustRootFile?: string; certificateIdentity?: string; certificateIssuer?: string };
  /** Set when this run created the key. */
  createdKey?: string;
}

/** Checks the signing inputs without touching anything. */
export function checkSigningInputs(signing: GateSigningInputs): void {
  if (signing.kind === 'key-pem') {
    if (!signing.keyPem.includes('PRIVATE KEY')) throw new CavraError('ERR_KEY_INVALID', 'the signing key is not a pem private key', { details: { option: 'signing.keyPem', problem: 'is not a pem private key' } });
    return;
  }
  if (signing.kind === 'key') {
    if (!signing.keyFile) throw new CavraError('ERR_USAGE', '`signing.keyFile` is empty', { details: { option: 'signing.keyFile', problem: 'is empty' } });
    return;
  }
  if (!signing.certificateIdentity) throw optionError('signing.certificateIdentity', 'is required for keyless signing', 'the identity the signing certificate must carry, e.g. the workflow ref');
  if (!signing.certificateIssuer) throw optionError('signing.certificateIssuer', 'is required for keyless signing', 'the oidc issuer of the signing certificate, e.g. https://token.actions.githubusercontent.com');
  if (signing.trustRootFile === undefined && signing.fulcioUrl !== undefined) {
    throw new CavraError('ERR_USAGE', 'a private fulcio needs its `trusted_root.json`', { details: { option: 'signing.trustRootFile', problem: 'is required with a private fulcio url' } });
  }
  if (signing.rekorEntryType !== undefined && signing.rekorEntryType !== 'dsse' && signing.rekorEntryType !== 'intoto') {
    throw new CavraError('ERR_USAGE', `the rekor entry type must be dsse or intoto, got \`${String(signing.rekorEntryType)}\``, {
      hint: 'use intoto only for a rekor that predates dsse entries',
      details: { option: 'signing.rekorEntryType', problem: `must be dsse or intoto, got \`${String(signing.rekorEntryType)}\`` },
    });
  }
}

/** Opens (or, for the local default, creates) the key, or prepares keyless signing. */
export async function openGateSigning(signing: GateSigningInputs, edges: GateEdges): Promise<GateSigning> {
  checkSigningInputs(signing);
  if (signing.kind === 'key-pem') {
    const privateKey = privateKeyFromPem(Buffer.from(signing.keyPem), 'the signing key');
    return {
      gate: { signer: new KeyBundleSigner(privateKey), noteSigner: noteSignerFromKey(DEFAULT_ORIGIN, privateKey), trust: { trustedKeys: [pinnedKey(createPublicKey(privateKey))] } },
      verifyWith: {},
    };
  }
  if (signing.kind === 'key') {
    const key = openLocalSigningKey(signing.keyFile, { create: signing.create ?? false });
    return {
      gate: { signer: new KeyBundleSigner(key.privateKey), noteSigner: noteSignerFromKey(DEFAULT_ORIGIN, key.privateKey), trust: { trustedKeys: [pinnedKey(key.publicKey)] } },
      verifyWith: key.publicKeyPath ? { trustedKeyFile: key.publicKeyPath } : {},
      ...(key.created ? { createdKey: signing.keyFile } : {}),
    };
  }
  const trustedRoot = signing.trustRootFile === undefined ? await fetchPublicTrustedRoot() : readJsonObjectFile(signing.trustRootFile, 'signing.trustRootFile');
  const token = await keylessToken(signing, edges);
  const certificateIdentity = identityFromClaim(token, signing.certificateIdentityClaim) ?? signing.certificateIdentity;
  return {
    gate: {
      signer: await sigstoreSigner(signing, token),
      trust: { trustedRoot, certificateIdentity, certificateIssuer: signing.certificateIssuer },
    },
    verifyWith: { ...(signing.trustRootFile ? { trustRootFile: signing.trustRootFile } : {}), certificateIdentity, certificateIssuer: signing.certificateIssuer },
  };
}

// The token came from the runner (or the operator) and Fulcio checks its signature; here it only
// says which identity to expect. A token that cannot be read leaves the configured identity.
function identityFromClaim(token: string, from: KeylessSigningInputs['certificateIdentityClaim']): string | undefined {
  if (!from) return undefined;
  try {
    const value = decodeJwt(token)[from.claim];
    return typeof value === 'string' && value !== '' ? `${from.prefix}${value}` : undefined;
  } catch {
    return undefined;
  }
}

type KeylessSignerInputs = Omit<KeylessSigningInputs, 'kind' | 'certificateIdentity' | 'certificateIdentityClaim' | 'certificateIssuer'>;

/** A Sigstore keyless signer with this job's OIDC token (audience `sigstore`). */
export async function keylessSigner(signing: KeylessSignerInputs, edges: Pick<GateEdges, 'env' | 'fetch'>): Promise<Signer> {
  return sigstoreSigner(signing, await keylessToken(signing, edges));
}

// The OIDC token for Fulcio: a token file, `SIGSTORE_ID_TOKEN`, or the CI provider's endpoint.
async function keylessToken(signing: KeylessSignerInputs, edges: Pick<GateEdges, 'env' | 'fetch'>): Promise<string> {
  let token = '';
  if (signing.identityTokenFile !== undefined) {
    try {
      token = (await readFile(signing.identityTokenFile, 'utf8')).trim();
    } catch (cause) {
      throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read the identity token file \`${signing.identityTokenFile}\``, {
        cause,
        details: { option: 'signing.identityTokenFile', problem: `file \`${signing.identityTokenFile}\` cannot be read` },
      });
    }
  } else {
    token = (edges.env.SIGSTORE_ID_TOKEN ?? '').trim();
  }
  if (token === '' && detectProvider(edges.env) !== 'local') {
    const source = runnerTokenSource({ env: edges.env, fetch: edges.fetch, audience: 'sigstore', gitlabTokenVariable: 'SIGSTORE_ID_TOKEN' });
    token = (await source.acquire()).reveal();
  }
  if (token === '') {
    throw new CavraError('ERR_USAGE', 'keyless signing needs an oidc token', {
      hint: 'give an identity token file, set `SIGSTORE_ID_TOKEN` (audience `sigstore`), or run in a ci job that can issue oidc tokens',
      details: { option: 'signing.identityTokenFile', problem: 'or `SIGSTORE_ID_TOKEN` must give an oidc token for keyless signing' },
    });
  }
  return token;
}

async function sigstoreSigner(signing: KeylessSignerInputs, token: string): Promise<Signer> {
  return new SigstoreSigner({
    identityToken: token,
    ...(signing.fulcioUrl ? { fulcioURL: signing.fulcioUrl } : {}),
    ...(signing.rekorUrl ? { rekorURL: signing.rekorUrl } : {}),
    ...(signing.tsaUrl ? { tsaURL: signing.tsaUrl } : {}),
    ...(signing.rekorEntryType ? { rekorEntryType: signing.rekorEntryType } : {}),
  });
}
