import { keylessSigner as coreKeylessSigner, type Signer } from '@cavra/core';

/** The flags of keyless signing, shared by `evidence seal` and `gate`. */
export const keylessFlags = {
  'fulcio-url': { type: 'string' },
  'rekor-url': { type: 'string' },
  'tsa-url': { type: 'string' },
  'rekor-entry-type': { type: 'string' },
  'identity-token-file': { type: 'string' },
} as const;

export interface KeylessValues {
  'fulcio-url'?: string | undefined;
  'rekor-url'?: string | undefined;
  'tsa-url'?: string | undefined;
  'rekor-entry-type'?: string | undefined;
  'identity-token-file'?: string | undefined;
}

/** A Sigstore keyless signer from the flags; the token comes from the file, `SIGSTORE_ID_TOKEN` or the CI provider. */
export async function keylessSigner(values: KeylessValues, env: Readonly<Record<string, string | undefined>>): Promise<Signer> {
  return coreKeylessSigner(
    {
      ...(values['fulcio-url'] !== undefined ? { fulcioUrl: values['fulcio-url'] } : {}),
      ...(values['rekor-url'] !== undefined ? { rekorUrl: values['rekor-url'] } : {}),
      ...(values['tsa-url'] !== undefined ? { tsaUrl: values['tsa-url'] } : {}),
      ...(values['rekor-entry-type'] !== undefined ? { rekorEntryType: values['rekor-entry-type'] as 'dsse' } : {}),
      ...(values['identity-token-file'] !== undefined ? { identityTokenFile: values['identity-token-file'] } : {}),
    },
    { env, fetch: globalThis.fetch },
  );
}
