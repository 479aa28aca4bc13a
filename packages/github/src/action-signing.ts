// How the Action signs: a key from `signing-key` (GHES, air-gapped), else keyless with the job's
// OIDC token, else (fork and Dependabot pull requests, or no `id-token: write`) a one-time key, so
// the run still decides, seals and verifies, and says that the seal proves no identity.
import { randomBytes } from 'node:crypto';
import { isAbsolute, join } from 'node:path';
import type { GateSigningInputs } from '@cavra/core';
import type { ActionInputs } from './action-inputs.ts';
import type { GitHubRun } from './run-environment.ts';

/** GitHub.com's Actions OIDC issuer; GHES issues tokens from `<server>/_services/token`. */
export const GITHUB_OIDC_ISSUER = 'https://token.actions.githubusercontent.com';

export interface ActionSigning {
  signing: GateSigningInputs;
  kind: 'key' | 'keyless' | 'one-time-key';
  /** How an auditor verifies the seal when the key is not on disk here. */
  verifyHint?: string;
  /** Said in the summary when the seal proves less than usual. */
  note?: string;
}

export function chooseSigning(signingKey: string | undefined, run: GitHubRun, sigstore: ActionInputs['sigstore']): ActionSigning {
  if (signingKey !== undefined) {
    if (signingKey.trimStart().startsWith('-----BEGIN')) return { signing: { kind: 'key-pem', keyPem: signingKey }, kind: 'key', verifyHint: '--trusted-key <the public half of signing-key>' };
    return { signing: { kind: 'key', keyFile: resolvePath(signingKey, run.workspace) }, kind: 'key' };
  }
  if (run.canRequestIdToken) {
    const certificateIdentity = `${run.serverUrl}/${run.workflowRef}`;
    const certificateIssuer = run.serverUrl === 'https://github.com' ? GITHUB_OIDC_ISSUER : `${run.serverUrl}/_services/token`;
    return {
      signing: {
        kind: 'keyless',
        certificateIdentity,
        // Fulcio certifies the workflow the job runs in: in a reusable workflow that is the called
        // one (the token's `job_workflow_ref`), not the caller that GITHUB_WORKFLOW_REF names.
        certificateIdentityClaim: { claim: 'job_workflow_ref', prefix: `${run.serverUrl}/` },
        certificateIssuer,
        ...(sigstore.fulcioUrl ? { fulcioUrl: sigstore.fulcioUrl } : {}),
        ...(sigstore.rekorUrl ? { rekorUrl: sigstore.rekorUrl } : {}),
        ...(sigstore.trustRoot ? { trustRootFile: resolvePath(sigstore.trustRoot, run.workspace) } : {}),
        // Core checks the value and names the input when it is wrong.
        ...(sigstore.rekorEntryType ? { rekorEntryType: sigstore.rekorEntryType as 'dsse' | 'intoto' } : {}),
      },
      kind: 'keyless',
    };
  }
  const keyFile = join(run.tempDir, `cavra-one-time-${randomBytes(6).toString('hex')}`, 'signing.pem');
  const publicKey = keyFile.replace(/\.pem$/, '.pub.pem');
  return {
    signing: { kind: 'key', keyFile, create: true },
    kind: 'one-time-key',
    note: `no OIDC token (a fork or Dependabot pull request, or the job lacks \`id-token: write\`) and no \`signing-key\`: the evidence is sealed with a one-time key (\`${publicKey}\`), which shows it is intact but not who made it`,
  };
}

function resolvePath(path: string, workspace: string): string {
  return isAbsolute(path) ? path : join(workspace, path);
}
