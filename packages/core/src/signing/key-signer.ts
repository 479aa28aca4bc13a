import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { Signature, Signer as SigstoreSigner } from '@sigstore/sign';
import type { SerializedBundle } from '@sigstore/bundle';
import { CavraError } from '../errors.ts';
import { keyAlgorithm, keyIdOf } from './keys.ts';
import { loadDsseBundler } from './load-sigstore.ts';
import type { Signer } from './signer.ts';
import { IN_TOTO_PAYLOAD_TYPE } from './statement.ts';

/**
 * A sigstore-js `Signer` over an offline Ed25519 or ECDSA P-256 key: the custom signer that
 * `DSSEBundleBuilder` accepts, so key-signed bundles have the keyless bundles' format.
 * The bundle names the key by hint (its key id); the key itself never leaves this object.
 */
export class KeyBundleSigner implements Signer, SigstoreSigner {
  readonly keyId: string;
  readonly #key: KeyObject;
  readonly #publicPem: string;
  readonly #digest: 'sha256' | null;

  constructor(privateKey: KeyObject) {
    this.#digest = keyAlgorithm(privateKey) === 'ed25519' ? null : 'sha256';
    this.#key = privateKey;
    const publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(publicKey);
    this.#publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** sigstore-js Signer: signs the DSSE PAE bytes. */
  async sign(data: Buffer): Promise<Signature> {
    return { signature: sign(this.#digest, data, this.#key), key: { $case: 'publicKey', publicKey: this.#publicPem, hint: this.keyId } };
  }

  /** Signs a statement into a key-based bundle (no witnesses: fully offline). */
  async signStatement(statement: Uint8Array): Promise<SerializedBundle> {
    try {
      const { DSSEBundleBuilder, bundleToJSON } = await loadDsseBundler();
      const bundle = await new DSSEBundleBuilder({ signer: this, witnesses: [] }).create({ data: Buffer.from(statement), type: IN_TOTO_PAYLOAD_TYPE });
      return bundleToJSON(bundle);
    } catch (cause) {
      throw new CavraError('ERR_SIGNING_FAILED', `signing with key \`${this.keyId.slice(0, 16)}\` failed`, { cause });
    }
  }
}
