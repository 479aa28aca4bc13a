import { readFile } from 'node:fs/promises';
import { CavraError, localTokenKeys, remoteTokenKeys, type TokenKeys } from '@cavra/core';

/** Where a runner token's signing keys come from: a pinned JWKS file, a JWKS URL, or OIDC discovery. */
export interface TokenKeySource {
  issuer: string;
  jwks: string | undefined;
  jwksUrl: string | undefined;
}

/** The verification keys for runner tokens, as `cavra auth verify` and `cavra gate` take them. */
export async function tokenKeysOf(source: TokenKeySource): Promise<TokenKeys> {
  if (source.jwks !== undefined) return localTokenKeys(await readJsonFile(source.jwks, 'jwks file'), source.jwks);
  return remoteTokenKeys({ ...(source.jwksUrl !== undefined ? { jwksUrl: source.jwksUrl } : { issuer: source.issuer }), fetch: globalThis.fetch });
}

/** Reads a JSON file named on the command line; errors name the file, never its content. */
export async function readJsonFile(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read ${what} \`${file}\``, { cause, details: { file } });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CavraError('ERR_INPUT_INVALID_JSON', `${what} \`${file}\` is not valid json`, { cause, details: { file } });
  }
}
