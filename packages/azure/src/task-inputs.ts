// Reads every task input and pipeline variable once, into typed values. Nothing else in the
// task touches azure-pipelines-task-lib's input functions or the environment.
import { isAbsolute, join } from 'node:path';
import { CavraError, GATE_MODES } from '@cavra/core';
import { pullRequestRefOf, type PullRequestRef } from './pull-request-ref.ts';

/** The part of azure-pipelines-task-lib the task reads inputs and variables with. */
export interface TaskInputReader {
  getInput(name: string, required?: boolean): string | undefined;
  getVariable(name: string): string | undefined;
  getEndpointAuthorizationParameter(id: string, key: string, optional: boolean): string | undefined;
}

export type TaskSigning =
  | { kind: 'key'; /** PEM text or a file path; absent: a key made for this run. */ key?: string }
  | { kind: 'keyless'; certificateIdentity?: string; certificateIssuer?: string; fulcioUrl?: string; rekorUrl?: string; rekorEntryType?: string; trustRoot?: string };

/** The task's inputs, as typed values (validated further by the core's `prepareGate`). */
export interface AzureTaskInputs {
  mode: string;
  /** Paths or globs, relative to the sources directory. */
  sessions: string[];
  packs: string[];
  policyDirs: string[];
  registryFile?: string;
  changedFiles: boolean;
  postStatus: boolean;
  /** A path in the repository, read at the pull request's base commit. */
  approversPath: string;
  signing: TaskSigning;
  store?: { uri: string; retainDays?: string; allowMutable: boolean };
  publishEvidence: boolean;
  artifactName: string;
  verifyRunner: boolean;
  /** A claims policy file the verified runner token must satisfy. */
  runnerClaims?: string;
}

/** What the run says about itself (predefined variables), read once. */
export interface AzureRunContext {
  sourcesDirectory: string;
  tempDirectory: string;
  collectionUri?: string;
  /** `System.CollectionId`: the organisation id, the last segment of its OIDC issuer. */
  collectionId?: string;
  teamProject?: string;
  /** `Build.DefinitionName`: the pipeline, the last segment of the pipeline token's subject. */
  definitionName?: string;
  buildId?: string;
  jobId?: string;
  oidcRequestUri?: string;
  /** The job's access token (`System.AccessToken`), from the agent's `SystemVssConnection`. */
  accessToken?: string;
  pullRequest?: PullRequestRef;
}

const BOOLEAN = /^(true|false)$/i;

export function readTaskInputs(lib: TaskInputReader): AzureTaskInputs {
  const text = (name: string) => lib.getInput(name)?.trim() ?? '';
  const lines = (name: string) => text(name).split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const bool = (name: string, fallback: boolean) => {
    const value = text(name);
    if (value === '') return fallback;
    if (!BOOLEAN.test(value)) throw new CavraError('ERR_USAGE', `the \`${name}\` input must be true or false, got \`${value}\``, { details: { option: name } });
    return value.toLowerCase() === 'true';
  };
  const optional = (name: string) => (text(name) === '' ? {} : { [name]: text(name) });

  const signingKind = text('signing') || 'key';
  if (signingKind !== 'key' && signingKind !== 'keyless') {
    throw new CavraError('ERR_USAGE', `the \`signing\` input must be key or keyless, got \`${signingKind}\``, { details: { option: 'signing' } });
  }
  const signing: TaskSigning =
    signingKind === 'key'
      ? { kind: 'key', ...(text('signingKey') ? { key: lib.getInput('signingKey')! } : {}) }
      : { kind: 'keyless', ...optional('certificateIdentity'), ...optional('certificateIssuer'), ...optional('fulcioUrl'), ...optional('rekorUrl'), ...optional('rekorEntryType'), ...optional('trustRoot') };
  // Checked here as well as by the core, so a wrong mode fails before any call to Azure DevOps.
  const mode = text('mode') || 'enforce';
  if (!(GATE_MODES as readonly string[]).includes(mode)) {
    throw new CavraError('ERR_USAGE', `the \`mode\` input must be one of ${GATE_MODES.join(', ')}, got \`${mode}\``, { details: { option: 'mode' } });
  }
  const store = text('store');
  return {
    mode,
    sessions: lines('sessions'),
    packs: lines('packs'),
    policyDirs: lines('policyDir'),
    ...(text('registry') ? { registryFile: text('registry') } : {}),
    changedFiles: bool('changedFiles', true),
    postStatus: bool('postStatus', true),
    approversPath: text('approvers') || '.cavra/approvers.yml',
    signing,
    ...(store ? { store: { uri: store, ...(text('retainDays') ? { retainDays: text('retainDays') } : {}), allowMutable: bool('allowMutable', false) } } : {}),
    publishEvidence: bool('publishEvidence', true),
    artifactName: text('artifactName') || 'cavra-evidence',
    verifyRunner: bool('verifyRunner', false),
    ...(text('runnerClaims') ? { runnerClaims: text('runnerClaims') } : {}),
  };
}

export function readRunContext(lib: TaskInputReader, wantPullRequest: boolean): AzureRunContext {
  const variable = (name: string) => {
    const value = lib.getVariable(name)?.trim();
    return value ? value : undefined;
  };
  const sourcesDirectory = variable('Build.SourcesDirectory') ?? variable('System.DefaultWorkingDirectory') ?? process.cwd();
  const accessToken = lib.getEndpointAuthorizationParameter('SystemVssConnection', 'AccessToken', true);
  const pullRequest = wantPullRequest ? pullRequestRefOf(variable) : undefined;
  const fields = {
    collectionUri: variable('System.CollectionUri') ?? variable('System.TeamFoundationCollectionUri'),
    collectionId: variable('System.CollectionId'),
    teamProject: variable('System.TeamProject'),
    definitionName: variable('Build.DefinitionName'),
    buildId: variable('Build.BuildId'),
    jobId: variable('System.JobId'),
    oidcRequestUri: variable('System.OidcRequestUri'),
    accessToken: accessToken?.trim() ? accessToken.trim() : undefined,
  };
  return {
    sourcesDirectory,
    tempDirectory: variable('Agent.TempDirectory') ?? sourcesDirectory,
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
    ...(pullRequest ? { pullRequest } : {}),
  };
}

/** A path input, relative to the sources directory as the pipeline's own paths are. */
export function inSources(run: Pick<AzureRunContext, 'sourcesDirectory'>, path: string): string {
  return isAbsolute(path) ? path : join(run.sourcesDirectory, path);
}
