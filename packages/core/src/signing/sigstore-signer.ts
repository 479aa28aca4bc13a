import type { SerializedBundle } from '@sigstore/bundle';
import type { Witness } from '@sigstore/sign';
import { CavraError } from '../errors.ts';
import { loadSigstoreSigning } from './load-sigstore.ts';
import type { Signer } from './signer.ts';
import { IN_TOTO_PAYLOAD_TYPE } from './statement.ts';

/** Options of {@link SigstoreSigner}; public-good Sigstore unless URLs are given. */
export interface SigstoreSignerOptions {
  /** OIDC token with audience `sigstore`, obtained by the caller (never logged). */
  identityToken: string;
  fulcioURL?: string;
  rekorURL?: string;
  /** RFC 3161 timestamp authority; none by default. */
  tsaURL?: string;
  /** Skip the transparency log (then a TSA is needed for a trusted time). */
  tlogUpload?: boolean;
  /** Rekor entry kind: `dsse` (default, as sigstore-js signs today) or the legacy `intoto`. */
  rekorEntryType?: 'dsse' | 'intoto';
  /** Per request, ms. Default 10000. */
  timeout?: number;
}

/**
 * Keyless signing: Fulcio certifies an ephemeral key for the CI job's OIDC identity, Rekor (and
 * optionally a TSA) witness the signature. Composed as `@actions/attest` does.
 */
export class SigstoreSigner implements Signer {
  readonly #options: SigstoreSignerOptions;

  constructor(options: SigstoreSignerOptions) {
    this.#options = options;
  }

  async signStatement(statement: Uint8Array): Promise<SerializedBundle> {
    const { DEFAULT_FULCIO_URL, DEFAULT_REKOR_URL, DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness, bundleToJSON } = await loadSigstoreSigning();
    const o = this.#options;
    const fetchOptions = { timeout: o.timeout ?? 10_000, retry: { retries: 2 } };
    const signer = new FulcioSigner({ fulcioBaseURL: o.fulcioURL ?? DEFAULT_FULCIO_URL, identityProvider: { getToken: async () => o.identityToken }, ...fetchOptions });
    const witnesses: Witness[] = [];
    if (o.tlogUpload !== false) witnesses.push(new RekorWitness({ rekorBaseURL: o.rekorURL ?? DEFAULT_REKOR_URL, entryType: o.rekorEntryType ?? 'dsse', ...fetchOptions }));
    if (o.tsaURL) witnesses.push(new TSAWitness({ tsaBaseURL: o.tsaURL, ...fetchOptions }));
    try {
      const bundle = await new DSSEBundleBuilder({ signer, witnesses }).create({ data: Buffer.from(statement), type: IN_TOTO_PAYLOAD_TYPE });
      return bundleToJSON(bundle);
    } catch (error) {
      // sigstore-js puts the token in some messages (IDENTITY_TOKEN_PARSE_ERROR): keep only the code.
      const code = String((error as { code?: unknown }).code ?? 'error');
      const ours = code.startsWith('CA_') || code.startsWith('IDENTITY_TOKEN') ? 'ERR_SIGNING_CA_UNAVAILABLE' : 'ERR_SIGNING_FAILED';
      throw new CavraError(ours, `keyless signing failed (${code})`, {
        hint: code.startsWith('IDENTITY_TOKEN') ? 'pass an OIDC token with audience `sigstore`' : 'check the Fulcio, Rekor and TSA URLs and the network',
        details: { sigstoreCode: code },
      });
    }
  }
}
