import { CavraError, SigstoreSigner, runnerTokenSource, type Signer } from '@cavra/core';
import { readInput } from '../read-input.ts';

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

/**
 * A Sigstore keyless signer. The OIDC token is read here, at the edge: from
 * `--identity-token-file`, `SIGSTORE_ID_TOKEN`, or else asked of the CI provider with audience
 * `sigstore` (GitHub's token endpoint; a GitLab `id_tokens:` variable; Azure Pipelines' OIDC
 * endpoint). It is never printed or written.
 */
export async function keylessSigner(values: KeylessValues, env: Readonly<Record<string, string | undefined>>): Promise<Signer> {
  const entryType = values['rekor-entry-type'];
  if (entryType !== undefined && entryType !== 'dsse' && entryType !== 'intoto') {
    throw new CavraError('ERR_USAGE', `\`--rekor-entry-type\` must be dsse or intoto, got \`${entryType}\``, { hint: 'use intoto only for a Rekor that predates dsse entries' });
  }
  const file = values['identity-token-file'];
  let token = (file !== undefined ? readInput(file, 'identity-token-file').toString('utf8') : (env.SIGSTORE_ID_TOKEN ?? '')).trim();
  if (token === '' && (env.GITHUB_ACTIONS === 'true' || env.GITLAB_CI === 'true' || env.TF_BUILD?.toLowerCase() === 'true')) {
    const source = runnerTokenSource({ env, fetch: globalThis.fetch, audience: 'sigstore', gitlabTokenVariable: 'SIGSTORE_ID_TOKEN' });
    token = (await source.acquire()).reveal();
  }
  if (token === '') throw new CavraError('ERR_USAGE', '`--keyless` needs an OIDC token', { hint: 'pass `--identity-token-file FILE`, set `SIGSTORE_ID_TOKEN` (audience `sigstore`), or run in a CI job that can issue OIDC tokens' });
  return new SigstoreSigner({
    identityToken: token,
    ...(values['fulcio-url'] ? { fulcioURL: values['fulcio-url'] } : {}),
    ...(values['rekor-url'] ? { rekorURL: values['rekor-url'] } : {}),
    ...(values['tsa-url'] ? { tsaURL: values['tsa-url'] } : {}),
    ...(entryType ? { rekorEntryType: entryType } : {}),
  });
}
