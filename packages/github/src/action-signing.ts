// How the Action signs: a key from `signing-key` (GHES, air-gapped), else keyless with the job's
// OIDC token, else (fork and Dependabot pull requests, or no `id-token: write`) a one-time key, so
// the run still decides, seals and verifies, and says that the seal proves no identity.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { GateSigningInputs } from '@cavra/core';
import type { GitHubRun } from './run-environment.ts';

/** GitHub.com's Actions OIDC issuer; GHES issues tokens from `<server>/_services/token`. */
export const GITHUB_OIDC_ISSUER = 'https://token.actions.githubusercontent.com';

export interface ActionSigning {
  signing: GateSigningInputs;
  kind: 'key' | 'keyless' | 'one-time-key';
  /** What an auditor passes to `cavra verify`, without secrets. */
  verifyArgs: string;
  /** Said in the summary when the seal proves less than usual. */
  note?: string;
}

export function chooseSigning(signingKey: string | undefined, run: GitHubRun): ActionSigning {
  if (signingKey !== undefined) {
    const keyFile = signingKey.trimStart().startsWith('-----BEGIN') ? writeSecretKey(signingKey, run.tempDir) : resolvePath(signingKey, run.workspace);
    return { signing: { kind: 'key', keyFile }, kind: 'key', verifyArgs: '--trusted-key <the public half of signing-key>' };
  }
  if (run.canRequestIdToken) {
    const certificateIdentity = `${run.serverUrl}/${run.workflowRef}`;
    const certificateIssuer = run.serverUrl === 'https://github.com' ? GITHUB_OIDC_ISSUER : `${run.serverUrl}/_services/token`;
    return {
      signing: { kind: 'keyless', certificateIdentity, certificateIssuer },
      kind: 'keyless',
      verifyArgs: `--certificate-identity ${certificateIdentity} --certificate-oidc-issuer ${certificateIssuer}`,
    };
  }
  const keyFile = join(run.tempDir, `cavra-one-time-${randomBytes(6).toString('hex')}`, 'signing.pem');
  const publicKey = keyFile.replace(/\.pem$/, '.pub.pem');
  return {
    signing: { kind: 'key', keyFile, create: true },
    kind: 'one-time-key',
    verifyArgs: `--trusted-key ${publicKey}`,
    note: `no OIDC token (a fork or Dependabot pull request, or the job lacks \`id-token: write\`) and no \`signing-key\`: the evidence is sealed with a one-time key (\`${publicKey}\`), which shows it is intact but not who made it`,
  };
}

// The PEM goes to a private file for the signer; it is never logged (masked line by line at input).
function writeSecretKey(pem: string, tempDir: string): string {
  const dir = join(tempDir, `cavra-key-${randomBytes(6).toString('hex')}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'signing.pem');
  writeFileSync(file, `${pem.trim()}\n`, { mode: 0o600, flag: 'wx' });
  return file;
}

function resolvePath(path: string, workspace: string): string {
  return isAbsolute(path) ? path : join(workspace, path);
}
