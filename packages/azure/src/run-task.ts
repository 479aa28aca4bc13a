// The task, start to end: read inputs once, read the pull request, run the core's gate, then
// report through the pipeline and the pull-request status. It decides nothing itself.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import {
  CavraError,
  isCavraError,
  nativeArtefacts,
  neutraliseLogCommands,
  prepareGate,
  relabelOptionError,
  runGate,
  type ApproversFile,
  type FetchLike,
  type GateEdges,
  type GateInputs,
} from '@cavra/core';
import { readApproversAtBase } from './approvers-at-base.ts';
import { openGitApi } from './devops-connection.ts';
import { readPullRequest, type PullRequestSnapshot } from './pull-request-context.ts';
import type { PullRequestRef } from './pull-request-ref.ts';
import { errorStatus, gateStatus, postPullRequestStatus } from './pull-request-status.ts';
import { inSources, readRunContext, readTaskInputs, type AzureRunContext, type AzureTaskInputs, type TaskInputReader } from './task-inputs.ts';
import { TASK_RESULT, reportToPipeline, type TaskReporter } from './task-report.ts';
import { AZURE_OIDC_ISSUER_BASE, prepareSigning } from './task-signing.ts';

/** The audience of every Azure DevOps pipeline token, fixed by Azure. */
export const AZURE_OIDC_AUDIENCE = 'api://AzureADTokenExchange';

/** The part of azure-pipelines-task-lib the task uses. */
export interface TaskLib extends TaskInputReader, TaskReporter {
  setSecret(value: string): void;
  /** task-lib's glob (minimatch): `fs.globSync` is Node 22+, and the Node20_1 handler runs Node 20. */
  findMatch(defaultRoot: string, patterns: string[] | string): string[];
}

export interface RunTaskOptions {
  env?: Readonly<Record<string, string | undefined>>;
  fetch?: FetchLike;
  log?: (line: string) => void;
}

/** Runs the task; never throws: every failure becomes a `Failed` result with a one-line message. */
export async function runTask(lib: TaskLib, options: RunTaskOptions = {}): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  let status: { git: Awaited<ReturnType<typeof openGitApi>>; ref: PullRequestRef; iterationId?: number; targetUrl?: string } | undefined;
  try {
    const inputs = readTaskInputs(lib);
    const run = readRunContext(lib, inputs.changedFiles || inputs.postStatus);
    const targetUrl = runUrl(run);
    const warnings: string[] = [];

    let snapshot: PullRequestSnapshot | undefined;
    let approvers: ApproversFile | undefined;
    if (run.pullRequest) {
      if (!run.accessToken) throw usage('the job access token is not available to the task, so the pull request cannot be read', 'allow scripts to access the OAuth token, or set `changedFiles: false` and `postStatus: false`');
      const git = await openGitApi(run.pullRequest.collectionUri, run.accessToken);
      if (inputs.postStatus) status = { git, ref: run.pullRequest, ...(targetUrl ? { targetUrl } : {}) };
      snapshot = await readPullRequest(git, run.pullRequest);
      if (status) status.iterationId = snapshot.iterationId;
      if (snapshot.review.baseSha) approvers = await readApproversAtBase(git, run.pullRequest, inputs.approversPath, snapshot.review.baseSha);
    }

    const signing = prepareSigning(inputs.signing, run, (secret) => lib.setSecret(secret));
    warnings.push(...signing.warnings);
    // Fresh for every run of the task, even twice in one job: the log is appended to, never shared.
    const evidenceDir = join(run.tempDirectory, `cavra-evidence-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`);
    const gateInputs: GateInputs = {
      provider: 'azure',
      mode: inputs.mode,
      packs: inputs.packs,
      policyDirs: inputs.policyDirs.map((dir) => inSources(run, dir)),
      ...(inputs.registryFile ? { registryFile: inSources(run, inputs.registryFile) } : {}),
      sessions: expandSessions(inputs.sessions, run.sourcesDirectory, warnings, (pattern) => lib.findMatch(run.sourcesDirectory, pattern)),
      ...(snapshot && inputs.changedFiles ? { requests: snapshot.changedFiles } : {}),
      ...(snapshot ? { review: snapshot.review } : {}),
      ...(approvers ? { approvers } : {}),
      signing: signing.signing,
      ...(inputs.verifyRunner ? { runnerAuth: { ...runnerAuthOf(run), ...(inputs.runnerClaims ? { claimsFile: inSources(run, inputs.runnerClaims) } : {}) } } : {}),
      ...(inputs.store ? { store: { uri: inputs.store.uri, ...(inputs.store.retainDays ? { retainDays: inputs.store.retainDays } : {}), allowMutable: inputs.store.allowMutable } } : {}),
      evidenceDir,
    };
    const edges: GateEdges = {
      env: tokenEnv(options.env ?? process.env, run),
      fetch: options.fetch ?? globalThis.fetch,
      cwd: run.sourcesDirectory,
      progress: (line) => log(neutraliseLogCommands(`cavra: ${line}`)),
      ...(process.argv[1] ? { entryFile: process.argv[1] } : {}),
    };
    const prepared = await prepareGate(gateInputs, edges);
    const result = await runGate(prepared);

    if (signing.runKeyPublic && existsSync(signing.runKeyPublic)) copyFileSync(signing.runKeyPublic, join(evidenceDir, basename(signing.runKeyPublic)));
    if (status?.iterationId !== undefined) {
      try {
        await postPullRequestStatus(status.git, status.ref, gateStatus(result.report, status.targetUrl, status.iterationId));
      } catch (cause) {
        warnings.push(`the cavra/gate pull-request status could not be posted (${httpOf(cause)}): the build identity needs "Contribute to pull requests" on the repository`);
      }
    }
    reportToPipeline(lib, result, {
      // Issues and the summary upload, rendered by the core as for every provider.
      native: nativeArtefacts('azure', result, { env: edges.env, reportsDir: run.tempDirectory }),
      evidenceDir,
      ...(inputs.publishEvidence ? { artifactName: inputs.artifactName } : {}),
      notes: notesOf(inputs, evidenceDir, result.bundlePath, result.receipt?.uri, signing.runKeyPublic),
      warnings,
      log,
    });
  } catch (caught) {
    const error = isCavraError(caught) ? relabelOptionError(caught, (option) => (INPUT_OF[option] ? `the \`${INPUT_OF[option]}\` input` : undefined)) : caught;
    const message = neutraliseLogCommands(oneLine(error));
    if (status) await postPullRequestStatus(status.git, status.ref, errorStatus(message, status.targetUrl, status.iterationId)).catch(() => undefined);
    lib.setResult(TASK_RESULT.failed, message);
  }
}

// The core names options by their edge-neutral keys; the task names its inputs.
const INPUT_OF: Readonly<Record<string, string>> = {
  mode: 'mode',
  sessions: 'sessions',
  packs: 'packs',
  policyDirs: 'policyDir',
  registryFile: 'registry',
  'signing.keyFile': 'signingKey',
  'signing.keyPem': 'signingKey',
  'signing.certificateIdentity': 'certificateIdentity',
  'signing.certificateIssuer': 'certificateIssuer',
  'signing.trustRootFile': 'trustRoot',
  'signing.rekorEntryType': 'rekorEntryType',
  'runnerAuth.claimsFile': 'runnerClaims',
  'store.uri': 'store',
  'store.retainDays': 'retainDays',
};

// Sessions are paths or globs relative to the sources directory. A plain path is kept even when
// missing, so that an unreadable file fails the run; a glob that matches nothing is a warning.
function expandSessions(patterns: readonly string[], cwd: string, warnings: string[], glob: (pattern: string) => string[]): string[] {
  const files: string[] = [];
  for (const pattern of patterns) {
    if (!/[*?[\]{}]/.test(pattern)) {
      files.push(inSources({ sourcesDirectory: cwd }, pattern));
      continue;
    }
    const matches = glob(pattern).sort();
    if (matches.length === 0) warnings.push(`no agent session matches \`${pattern}\``);
    files.push(...matches.map((match) => (isAbsolute(match) ? match : join(cwd, match))));
  }
  // A file named twice (a path and a glob) is read once.
  return [...new Set(files)];
}

function runnerAuthOf(run: AzureRunContext): NonNullable<GateInputs['runnerAuth']> {
  if (!run.collectionId) throw usage('`verifyRunner` needs `System.CollectionId` to know the organisation\'s token issuer', 'run the task inside an azure pipelines job');
  return { issuer: `${AZURE_OIDC_ISSUER_BASE}${run.collectionId}`, audience: AZURE_OIDC_AUDIENCE, discover: true };
}

// The core asks Azure's OIDC endpoint for the pipeline token (AzurePipelinesTokenSource) from
// these; the access token comes from the agent's connection, so no `env:` mapping is needed.
function tokenEnv(env: Readonly<Record<string, string | undefined>>, run: AzureRunContext): Record<string, string | undefined> {
  return {
    ...env,
    TF_BUILD: 'True',
    ...(run.oidcRequestUri ? { SYSTEM_OIDCREQUESTURI: run.oidcRequestUri } : {}),
    ...(run.accessToken ? { SYSTEM_ACCESSTOKEN: run.accessToken } : {}),
  };
}

function runUrl(run: AzureRunContext): string | undefined {
  if (!run.collectionUri || !run.teamProject || !run.buildId) return undefined;
  const base = run.collectionUri.endsWith('/') ? run.collectionUri : `${run.collectionUri}/`;
  return `${base}${encodeURIComponent(run.teamProject)}/_build/results?buildId=${encodeURIComponent(run.buildId)}`;
}

function notesOf(inputs: AzureTaskInputs, evidenceDir: string, bundle: string, stored: string | undefined, runKey: string | undefined): string[] {
  return [
    `evidence: \`${evidenceDir}\`${inputs.publishEvidence ? ` (artifact \`${inputs.artifactName}\`)` : ''}`,
    `bundle: \`${bundle}\``,
    `stored: ${stored ? `\`${stored}\`` : 'not stored'}`,
    runKey ? `verify: \`cavra verify <artifact> --trusted-key <artifact>/${basename(runKey)}\` (a key made for this run)` : 'verify: `cavra verify <artifact>` with the signing key\'s public half or the trust root',
  ];
}

function usage(message: string, hint: string): CavraError {
  return new CavraError('ERR_USAGE', message, { hint });
}

function httpOf(cause: unknown): string {
  const status = (cause as { statusCode?: number }).statusCode;
  return status ? `http ${status}` : 'no answer';
}

// One line, with the fix when the error carries one; an internal failure says it is ours.
function oneLine(error: unknown): string {
  const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
  if (isCavraError(error)) return flat(error.hint ? `${error.message}: ${error.hint}` : error.message);
  return flat(`internal error: ${(error as Error)?.message ?? String(error)}`);
}
