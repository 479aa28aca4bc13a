// Runner authentication for a gate run. Fail closed: a token that cannot be had, or does not
// verify, blocks every action of the run; only a bad option is a usage error.
import { readFile } from 'node:fs/promises';
import { isCavraError } from '../errors.ts';
import { runnerTokenSource } from '../identity/acquire/detect-token-source.ts';
import { parseRunnerClaimsPolicy } from '../identity/claims-policy.ts';
import { remoteTokenKeys } from '../identity/remote-token-keys.ts';
import { authenticateRunner, runnerAuthVerdict, type RunnerAuthResult } from '../identity/runner-auth.ts';
import { localTokenKeys, type TokenKeys } from '../identity/token-keys.ts';
import type { GateEdges, GateRunnerAuthInputs } from './inputs.ts';
import { optionError } from './option-error.ts';
import { readJsonObjectFile } from './read-json-file.ts';

/** Checks the runner-auth options without reading anything. */
export function checkRunnerAuthInputs(auth: GateRunnerAuthInputs): void {
  if (!auth.issuer) throw optionError('runnerAuth.issuer', 'is empty');
  if (!auth.audience) throw optionError('runnerAuth.audience', 'is required with an issuer');
  const sources = [auth.jwksFile !== undefined, auth.jwksUrl !== undefined, auth.discover === true].filter(Boolean).length;
  if (sources !== 1) throw optionError('runnerAuth.jwksFile', 'or a jwks url or discovery: give exactly one source of the issuer\'s keys');
}

/** Acquires this run's token and verifies it; the result says whether every action is blocked. */
export async function authenticateGateRunner(auth: GateRunnerAuthInputs, edges: GateEdges, now: () => Date): Promise<RunnerAuthResult> {
  checkRunnerAuthInputs(auth);
  const policy = auth.claimsFile === undefined ? undefined : parseRunnerClaimsPolicy(readJsonObjectFile(auth.claimsFile, 'runnerAuth.claimsFile'), auth.claimsFile);
  let token: string;
  try {
    const source = runnerTokenSource({
      env: edges.env,
      fetch: edges.fetch,
      audience: auth.audience,
      ...(auth.tokenFile !== undefined ? { tokenFile: auth.tokenFile, readText: (path: string) => readFile(path, 'utf8') } : {}),
    });
    token = (await source.acquire()).reveal();
  } catch (error) {
    if (!isCavraError(error)) throw error;
    return { ok: false, error, verdict: runnerAuthVerdict(error) };
  }
  const keys = await tokenKeysOf(auth, edges);
  return authenticateRunner(token, { verify: { issuer: auth.issuer, audience: auth.audience, keys, now }, ...(policy ? { policy } : {}) });
}

/** The verification keys for runner tokens: a pinned JWKS file, a JWKS URL, or OIDC discovery. */
export async function tokenKeysOf(auth: Pick<GateRunnerAuthInputs, 'issuer' | 'jwksFile' | 'jwksUrl'>, edges: Pick<GateEdges, 'fetch'>): Promise<TokenKeys> {
  if (auth.jwksFile !== undefined) return localTokenKeys(readJsonObjectFile(auth.jwksFile, 'runnerAuth.jwksFile'), auth.jwksFile);
  return remoteTokenKeys({ ...(auth.jwksUrl !== undefined ? { jwksUrl: auth.jwksUrl } : { issuer: auth.issuer }), fetch: edges.fetch });
}
