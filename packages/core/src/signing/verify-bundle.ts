import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier as SigstoreVerifier, toSignedEntity, toTrustMaterial, type TrustMaterial } from '@sigstore/verify';
import { CavraError, type CavraErrorCode } from '../errors.ts';
import type { SignerIdentity, Verifier } from './signer.ts';
import type { TrustedKey } from './trusted-key.ts';

/** What a bundle may be checked against; every field is optional, but a bundle needs a match. */
export interface BundleTrust {
  /** Pinned keys for key-signed bundles. */
  trustedKeys?: readonly TrustedKey[];
  /** A Sigstore `trusted_root.json` (parsed JSON) for keyless bundles; verification is then offline. */
  trustedRoot?: unknown;
  /** Expected certificate identity (SAN), exact. */
  certificateIdentity?: string;
  /** Expected OIDC issuer, exact. */
  certificateIssuer?: string;
}

const EMPTY_ROOT = { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] };

/**
 * Verifies Sigstore bundles with `@sigstore/verify`: key-signed bundles against pinned keys (no
 * log or timestamp needed, as research §1.4 shows), keyless ones against a pinned trusted root
 * and an identity policy (§1.5). Never touches the network.
 */
export class SigstoreBundleVerifier implements Verifier {
  readonly #trust: BundleTrust;

  constructor(trust: BundleTrust) {
    this.#trust = trust;
  }

  async verifyBundle(json: unknown): Promise<{ payload: Buffer; payloadType: string; signer: SignerIdentity; keyId?: string }> {
    const bundle = parseBundle(json);
    if (bundle.content.$case !== 'dsseEnvelope') throw new CavraError('ERR_SIGNING_BUNDLE_INVALID', 'bundle holds no DSSE envelope');
    const envelope = bundle.content.dsseEnvelope;
    const material = bundle.verificationMaterial.content;
    if (material.$case === 'publicKey') {
      const hint = material.publicKey.hint;
      const key = (this.#trust.trustedKeys ?? []).find((k) => k.keyId === hint);
      if (!key) throw new CavraError('ERR_KEY_UNTRUSTED', `bundle is signed by key \`${hint.slice(0, 16)}\`, which is not trusted`, { hint: 'pass the signer public key with `--trusted-key` or a trust root with `--trust-root`' });
      const trust = toTrustMaterial(EMPTY_ROOT as never, (h) => {
        if (h !== key.keyId) throw new Error('unknown key');
        return { publicKey: key.publicKey, validFor: () => true };
      });
      run(() => new SigstoreVerifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 }).verify(toSignedEntity(bundle)));
      return { payload: envelope.payload, payloadType: envelope.payloadType, signer: { kind: 'key', keyId: key.keyId }, keyId: key.keyId };
    }
    if (this.#trust.trustedRoot === undefined) {
      throw new CavraError('ERR_KEY_UNTRUSTED', 'bundle is signed keylessly but no trust root was given', { hint: 'pass a Sigstore `trusted_root.json` with `--trust-root`' });
    }
    const { certificateIdentity, certificateIssuer } = this.#trust;
    if (certificateIdentity === undefined || certificateIssuer === undefined) {
      throw new CavraError('ERR_SIGNING_IDENTITY_MISMATCH', 'keyless bundles need an expected identity', { hint: 'pass `--certificate-identity` and `--certificate-oidc-issuer`' });
    }
    const trust = trustMaterialOf(this.#trust.trustedRoot);
    const signer = run(() => new SigstoreVerifier(trust).verify(toSignedEntity(bundle)));
    const subject = signer.identity?.subjectAlternativeName;
    const issuer = signer.identity?.extensions?.issuer;
    if (issuer !== certificateIssuer) {
      throw new CavraError('ERR_SIGNING_IDENTITY_MISMATCH', `certificate issuer \`${issuer ?? 'none'}\` is not the expected \`${certificateIssuer}\``);
    }
    if (subject !== certificateIdentity) {
      throw new CavraError('ERR_SIGNING_IDENTITY_MISMATCH', `certificate identity \`${subject ?? 'none'}\` is not the expected \`${certificateIdentity}\``);
    }
    return { payload: envelope.payload, payloadType: envelope.payloadType, signer: { kind: 'certificate', subject, issuer } };
  }
}

function parseBundle(json: unknown): Bundle {
  try {
    return bundleFromJSON(json);
  } catch (cause) {
    throw new CavraError('ERR_SIGNING_BUNDLE_INVALID', `bundle is not a valid Sigstore bundle: ${(cause as Error).message}`, { cause });
  }
}

/** Trust material from a parsed `trusted_root.json`. */
export function trustMaterialOf(root: unknown): TrustMaterial {
  try {
    return toTrustMaterial(TrustedRoot.fromJSON(root));
  } catch (cause) {
    throw new CavraError('ERR_CONFIG_INVALID', `trust root is not a Sigstore trusted root: ${(cause as Error).message}`, { cause });
  }
}

// sigstore-js VerificationError codes, mapped to ours with a reason a person can act on.
const REASONS: Record<string, [CavraErrorCode, string]> = {
  SIGNATURE_ERROR: ['ERR_EVIDENCE_SIGNATURE_INVALID', 'bundle signature does not verify: the payload changed or another key signed it'],
  PUBLIC_KEY_ERROR: ['ERR_KEY_UNTRUSTED', 'bundle key is not trusted'],
  CERTIFICATE_ERROR: ['ERR_EVIDENCE_SIGNATURE_INVALID', 'signing certificate does not chain to the trusted root'],
  TIMESTAMP_ERROR: ['ERR_EVIDENCE_SIGNATURE_INVALID', 'no trusted timestamp covers the signature'],
  TLOG_ERROR: ['ERR_EVIDENCE_SIGNATURE_INVALID', 'transparency log entry does not match the bundle'],
  TLOG_INCLUSION_PROOF_ERROR: ['ERR_EVIDENCE_SIGNATURE_INVALID', 'transparency log inclusion proof does not verify'],
  TLOG_INCLUSION_PROMISE_ERROR: ['ERR_EVIDENCE_SIGNATURE_INVALID', 'transparency log promise does not verify'],
};

function run<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    const [ours, reason] = REASONS[code] ?? ['ERR_EVIDENCE_SIGNATURE_INVALID', 'bundle does not verify'];
    throw new CavraError(ours, `${reason} (${code || 'error'}: ${(error as Error).message})`, { cause: error, details: { sigstoreCode: code } });
  }
}
