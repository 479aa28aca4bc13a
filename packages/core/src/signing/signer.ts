import type { SerializedBundle } from '@sigstore/bundle';

/** Signs an in-toto statement into a Sigstore bundle (v0.3, DSSE). One method, as sigstore-js roles are. */
export interface Signer {
  /** Signs the statement bytes (payload type `application/vnd.in-toto+json`). */
  signStatement(statement: Uint8Array): Promise<SerializedBundle>;
}

/** Who a verified bundle was signed by. */
export interface SignerIdentity {
  /** `key` for pinned keys, `certificate` for Fulcio (keyless) signatures. */
  kind: 'key' | 'certificate';
  /** Key id (hex SHA-256 of the SPKI DER) for keys. */
  keyId?: string;
  /** Certificate subject alternative name (workflow identity) for keyless signatures. */
  subject?: string;
  /** OIDC issuer of the certificate. */
  issuer?: string;
}

/** Verifies a bundle and returns the signed payload and its signer, or throws a CavraError. */
export interface Verifier {
  verifyBundle(bundle: unknown): Promise<{ payload: Buffer; payloadType: string; signer: SignerIdentity }>;
}
