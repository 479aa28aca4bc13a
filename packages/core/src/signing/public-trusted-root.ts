import { TrustedRoot } from '@sigstore/protobuf-specs';
import { CavraError } from '../errors.ts';
import { loadSigstoreTuf } from './load-sigstore.ts';

/**
 * The public-good Sigstore trusted root, fetched and checked through Sigstore's TUF repository
 * (the network is needed, as it is for keyless signing itself). Returned as `trusted_root.json`
 * would hold it, so it can be pinned for later offline verification.
 */
export async function fetchPublicTrustedRoot(): Promise<unknown> {
  try {
    const { getTrustedRoot } = await loadSigstoreTuf();
    return TrustedRoot.toJSON(await getTrustedRoot());
  } catch (cause) {
    throw new CavraError('ERR_SIGNING_CA_UNAVAILABLE', `cannot fetch the public Sigstore trusted root: ${(cause as Error).message}`, {
      cause,
      hint: 'pass a `trusted_root.json` with `--trust-root`',
    });
  }
}
