import { readFile } from 'node:fs/promises';
import { CavraError, authenticateRunner, isCavraError, parseRunnerClaimsPolicy, runnerAuthVerdict, runnerTokenSource, type RunnerAuthResult } from '@cavra/core';
import { readJsonObject } from '../read-input.ts';
import { tokenKeysOf } from './token-keys.ts';

export interface RunnerAuthFlags {
  issuer?: string | undefined;
  audience?: string | undefined;
  jwks?: string | undefined;
  'jwks-url'?: string | undefined;
  discover?: boolean | undefined;
  'token-file'?: string | undefined;
  claims?: string | undefined;
}

// Fail closed: a token that cannot be had, or does not verify, blocks the run; only a bad flag is a usage error.
export async function authenticateThisRunner(values: RunnerAuthFlags, now: () => Date): Promise<RunnerAuthResult> {
  const issuer = values.issuer!;
  if (!values.audience) throw new CavraError('ERR_USAGE', '`--issuer` needs `--audience AUD`');
  if ([values.jwks !== undefined, values['jwks-url'] !== undefined, values.discover === true].filter(Boolean).length !== 1) {
    throw new CavraError('ERR_USAGE', 'with `--issuer`, give exactly one of `--jwks FILE`, `--jwks-url URL` or `--discover`');
  }
  const policy = values.claims === undefined ? undefined : parseRunnerClaimsPolicy(readJsonObject(values.claims, 'claims'), values.claims);
  let token: string;
  try {
    const source = runnerTokenSource({
      env: process.env,
      fetch: globalThis.fetch,
      audience: values.audience,
      ...(values['token-file'] !== undefined ? { tokenFile: values['token-file'], readText: (path: string) => readFile(path, 'utf8') } : {}),
    });
    token = (await source.acquire()).reveal();
  } catch (error) {
    if (!isCavraError(error)) throw error;
    return { ok: false, error, verdict: runnerAuthVerdict(error) };
  }
  const keys = await tokenKeysOf({ issuer, jwks: values.jwks, jwksUrl: values['jwks-url'] });
  return authenticateRunner(token, { verify: { issuer, audience: values.audience, keys, now }, ...(policy ? { policy } : {}) });
}
