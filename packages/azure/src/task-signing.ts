// The task's signing input as the core's signing inputs. A PEM given as text (a secret variable)
// goes to the core as is, never to disk; no key at all means a key made for this run, whose
// public half is published with the evidence (with a warning: an auditor must then get that
// public key from somewhere they trust).
import { randomBytes } from 'node:crypto';
import { CavraError, type GateSigningInputs } from '@cavra/core';
import { join } from 'node:path';
import { inSources, type AzureRunContext, type TaskSigning } from './task-inputs.ts';

/** Azure's pipeline tokens are issued per organisation: `https://vstoken.dev.azure.com/{organization id}`. */
export const AZURE_OIDC_ISSUER_BASE = 'https://vstoken.dev.azure.com/';

export interface PreparedSigning {
  signing: GateSigningInputs;
  /** The public key to publish with the evidence, for a run key. */
  runKeyPublic?: string;
  warnings: string[];
}

export function prepareSigning(input: TaskSigning, run: AzureRunContext, mask: (secret: string) => void): PreparedSigning {
  if (input.kind === 'keyless') {
    const certificateIssuer = input.certificateIssuer ?? (run.collectionId ? `${AZURE_OIDC_ISSUER_BASE}${run.collectionId}` : undefined);
    const certificateIdentity = input.certificateIdentity ?? pipelineSubject(run);
    if (!certificateIssuer || !certificateIdentity) {
      throw new CavraError('ERR_USAGE', 'keyless signing needs the `certificateIdentity` input (and `certificateIssuer` outside a pipeline)', {
        hint: 'give the identity your Fulcio writes into the certificate for this pipeline, or use `signing: key`',
        details: { option: 'certificateIdentity' },
      });
    }
    return {
      signing: {
        kind: 'keyless',
        certificateIdentity,
        certificateIssuer,
        ...(input.trustRoot ? { trustRootFile: inSources(run, input.trustRoot) } : {}),
        ...(input.fulcioUrl ? { fulcioUrl: input.fulcioUrl } : {}),
        ...(input.rekorUrl ? { rekorUrl: input.rekorUrl } : {}),
        // Validated by the core (dsse or intoto).
        ...(input.rekorEntryType ? { rekorEntryType: input.rekorEntryType as 'dsse' | 'intoto' } : {}),
      },
      warnings: [],
    };
  }
  if (input.key === undefined) {
    const keyFile = join(run.tempDirectory, `cavra-run-key-${randomBytes(4).toString('hex')}.pem`);
    return {
      signing: { kind: 'key', keyFile, create: true },
      runKeyPublic: `${keyFile.replace(/\.pem$/, '')}.pub.pem`,
      warnings: ['no `signingKey` was given: the evidence is signed with a key made for this run, published beside it; verify it with a key you hold instead (a secure file or secret variable)'],
    };
  }
  if (!input.key.includes('-----BEGIN')) return { signing: { kind: 'key', keyFile: inSources(run, input.key.trim()) }, warnings: [] };
  // Mask the key's body lines: the agent masks single-line secrets only.
  for (const line of input.key.split(/\r?\n/)) if (line.trim().length >= 16 && !line.startsWith('-----')) mask(line.trim());
  return { signing: { kind: 'key-pem', keyPem: input.key }, warnings: [] };
}

// The pipeline token's subject, `p://{organization}/{project}/{pipeline}` (ci-providers.md §3.6).
function pipelineSubject(run: AzureRunContext): string | undefined {
  const organization = run.collectionUri ? /^https:\/\/dev\.azure\.com\/([^/]+)\/?$/i.exec(run.collectionUri)?.[1] : undefined;
  if (!organization || !run.teamProject || !run.definitionName) return undefined;
  return `p://${organization}/${run.teamProject}/${run.definitionName}`;
}
