// Every input of actions/gate/action.yml, read once (CONTRACTS.md, "The GitHub Action").
import * as core from '@actions/core';
import { CavraError } from '@cavra/core';

/** The Action's inputs as the user gave them; nothing else reads `INPUT_*`. */
export interface ActionInputs {
  mode: string;
  /** Session files or globs, relative to the workspace. */
  sessions: string[];
  /** Judge the pull request's changed files as `write_file`. */
  changedFiles: boolean;
  packs: string[];
  policyDirs: string[];
  registryFile?: string;
  /** A PEM private key, or the path of one; absent means keyless (or an ephemeral key without OIDC). */
  signingKey?: string;
  /** A private Sigstore deployment for keyless signing: its Fulcio, its Rekor and its `trusted_root.json`. */
  sigstore: { fulcioUrl?: string; rekorUrl?: string; trustRoot?: string; rekorEntryType?: string };
  store?: string;
  /** Upload the sealed evidence directory as a workflow artifact when the runner offers the service. */
  uploadEvidence: boolean;
  token: string;
}

/** Reads and masks the inputs. Throws `ERR_USAGE` naming the input that is wrong. */
export function readActionInputs(): ActionInputs {
  const token = core.getInput('github-token');
  if (token) core.setSecret(token);
  const signingKey = core.getInput('signing-key');
  // A multi-line secret is masked line by line, so no single line of it reaches the log.
  if (signingKey) for (const line of signingKey.split(/\r?\n/)) if (line.trim().length > 8) core.setSecret(line.trim());
  const registryFile = core.getInput('registry');
  const store = core.getInput('store');
  return {
    mode: core.getInput('mode') || 'enforce',
    sessions: lines('sessions'),
    changedFiles: booleanInput('changed-files', true),
    packs: lines('packs'),
    policyDirs: lines('policy-dir'),
    ...(registryFile ? { registryFile } : {}),
    ...(signingKey.trim() ? { signingKey } : {}),
    sigstore: privateSigstore(),
    ...(store ? { store } : {}),
    uploadEvidence: booleanInput('upload-evidence', true),
    token,
  };
}

function privateSigstore(): ActionInputs['sigstore'] {
  const fulcioUrl = core.getInput('fulcio-url').trim();
  const rekorUrl = core.getInput('rekor-url').trim();
  const trustRoot = core.getInput('trust-root').trim();
  const rekorEntryType = core.getInput('rekor-entry-type').trim();
  if ((fulcioUrl || rekorUrl) && !trustRoot) {
    throw new CavraError('ERR_USAGE', 'input `trust-root` is required with `fulcio-url` or `rekor-url`', { hint: "give the private Sigstore deployment's `trusted_root.json`", details: { option: 'trust-root' } });
  }
  return { ...(fulcioUrl ? { fulcioUrl } : {}), ...(rekorUrl ? { rekorUrl } : {}), ...(trustRoot ? { trustRoot } : {}), ...(rekorEntryType ? { rekorEntryType } : {}) };
}

function lines(name: string): string[] {
  return core
    .getMultilineInput(name)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function booleanInput(name: string, fallback: boolean): boolean {
  const raw = core.getInput(name).trim().toLowerCase();
  if (raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new CavraError('ERR_USAGE', `input \`${name}\` must be \`true\` or \`false\`, got \`${raw}\``, { details: { option: name } });
}
