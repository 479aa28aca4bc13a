// The GitHub Action's one entry (actions/gate/action.yml): reads the inputs and the run once,
// gathers the pull request, calls the core, and renders the result natively (the `CAVRA` check
// run, the job summary, outputs, the job's exit code). It holds no decision logic.
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as core from '@actions/core';
import { isCavraError, prepareGate, runGate, type GateAnnotation, type GateInputs, type PreparedGate, type SessionProblem } from '@cavra/core';
import { chooseSigning } from './action-signing.ts';
import { readActionInputs, type ActionInputs } from './action-inputs.ts';
import { publishCheckRun } from './check-run.ts';
import { renderCheckSummary } from './check-summary.ts';
import { uploadEvidenceArtifact } from './evidence-artifact.ts';
import { openGitHubClient } from './github-client.ts';
import { gatherPullRequest, unreadablePullRequest, type PullRequestFacts } from './pull-request.ts';
import { readGitHubRun, type GitHubRun } from './run-environment.ts';
import { expandSessions } from './sessions.ts';

/** What one run of the Action concluded; also its outputs. */
export interface GateActionResult {
  conclusion: 'success' | 'failure' | 'neutral';
  blocked: number;
  awaitingApproval: number;
  evidenceDir: string;
  bundle: string;
  bundleDigest: string;
  evidenceUri?: string;
  /** The workflow artifact holding the evidence directory, when it was uploaded. */
  evidenceArtifact?: string;
  checkRunId?: number;
  notes: string[];
}

/** Runs the Action; the job fails in `enforce` mode exactly when the check's conclusion is `failure`. */
export async function run(): Promise<void> {
  try {
    const result = await gateAction(readActionInputs(), readGitHubRun(process.env));
    if (result.conclusion === 'failure') core.setFailed(`CAVRA: ${result.blocked} blocked, ${result.awaitingApproval} awaiting approval`);
  } catch (error) {
    // An error is never a pass: the step fails, and the message says how to fix it.
    const hint = isCavraError(error) && error.hint ? ` (${error.hint})` : '';
    core.setFailed(`${isCavraError(error) ? `${error.code}: ` : ''}${(error as Error).message ?? String(error)}${hint}`);
  }
}

export async function gateAction(inputs: ActionInputs, run: GitHubRun): Promise<GateActionResult> {
  const notes: string[] = [];
  const client = inputs.token ? openGitHubClient(inputs.token, run.apiUrl) : undefined;
  if (!client) notes.push('no `github-token`: the pull request was not read and no check run was created');

  let facts: PullRequestFacts | undefined;
  const problems: SessionProblem[] = [];
  if (run.pullRequest) {
    if (client) {
      try {
        facts = await gatherPullRequest(client, run, run.pullRequest, inputs.changedFiles);
        problems.push(...facts.problems);
      } catch (error) {
        problems.push(unreadablePullRequest(run, run.pullRequest, error));
      }
    } else {
      problems.push(unreadablePullRequest(run, run.pullRequest, new Error('no github-token')));
    }
    if (run.pullRequest.fromFork) notes.push('a pull request from a fork: the token is read-only and the job has no OIDC token');
  } else {
    notes.push(`\`${run.eventName || 'unknown'}\` is not a pull-request event: only the sessions were judged`);
  }
  notes.push(...problems.map((problem) => problem.message), ...(facts?.review.limitations ?? []));

  const signing = chooseSigning(inputs.signingKey, run, inputs.sigstore);
  if (signing.note) notes.push(signing.note);
  const evidenceDir = join(run.tempDir, `cavra-evidence-${run.runId || 'local'}-${run.runAttempt}`);
  const gateInputs: GateInputs = {
    provider: 'github',
    mode: inputs.mode,
    packs: inputs.packs,
    policyDirs: inputs.policyDirs,
    ...(inputs.registryFile ? { registryFile: inputs.registryFile } : {}),
    sessions: await expandSessions(inputs.sessions, run.workspace),
    // Outside a pull request there is nothing of the change to judge: sessions are then required.
    ...(run.pullRequest ? { requests: facts?.requests ?? [] } : {}),
    unreadable: problems,
    ...(facts ? { review: facts.review } : {}),
    ...(facts?.approvers ? { approvers: facts.approvers } : {}),
    signing: signing.signing,
    ...(inputs.store ? { store: { uri: inputs.store } } : {}),
    evidenceDir,
  };
  const options = await prepareGate(gateInputs, { env: run.env, fetch: globalThis.fetch, cwd: run.workspace, progress: (message) => core.info(`cavra: ${message}`), ...(process.argv[1] ? { entryFile: process.argv[1] } : {}) });
  const result = await runGate(options);

  const approvals = result.approvals ?? [];
  const awaitingApproval = approvals.filter((outcome) => !outcome.satisfied).length;
  const report = result.report;
  const bundleDigest = `sha256:${createHash('sha256').update(readFileSync(result.bundlePath)).digest('hex')}`;
  const evidenceUri = result.receipt?.uri;

  let evidenceArtifact: string | undefined;
  if (inputs.uploadEvidence) {
    const upload = await uploadEvidenceArtifact(evidenceDir, run.env);
    if (upload.uploaded) {
      evidenceArtifact = upload.name;
      core.info(`cavra: the evidence is the workflow artifact \`${upload.name}\` (${upload.size} bytes)`);
    } else {
      notes.push(upload.reason);
    }
  }

  let checkRunId: number | undefined;
  const headSha = facts?.review.headSha ?? run.pullRequest?.headSha;
  const summaryOf = () =>
    renderCheckSummary({
      report,
      approvals,
      agentAuthors: report.change?.agentAuthors ?? [],
      notes,
      evidence: { dir: evidenceDir, bundleDigest, ...(evidenceUri ? { uri: evidenceUri } : {}), ...(evidenceArtifact ? { artifact: evidenceArtifact } : {}) },
    });
  if (client && headSha) {
    const check = await publishCheckRun(client, {
      owner: run.owner,
      repo: run.repo,
      headSha,
      conclusion: report.conclusion,
      title: report.title,
      summary: summaryOf(),
      annotations: report.annotations,
      ...(run.runId ? { detailsUrl: `${run.serverUrl}/${run.owner}/${run.repo}/actions/runs/${run.runId}`, externalId: `${run.runId}-${run.runAttempt}` } : {}),
    });
    checkRunId = check.id;
    if (check.failure) {
      notes.push(check.failure);
      core.warning(check.failure);
    }
  }
  logAnnotations(report.annotations, checkRunId !== undefined);
  try {
    await core.summary.addRaw(summaryOf()).addRaw(`\nVerify: \`cavra verify ${evidenceDir} ${verifyArgsOf(options.verifyWith, signing.verifyHint)}\`\n`).write();
  } catch (error) {
    core.warning(`the job summary was not written: ${(error as Error).message}`);
  }
  const outcome: GateActionResult = {
    conclusion: report.conclusion,
    blocked: report.counts.block,
    awaitingApproval,
    evidenceDir,
    bundle: result.bundlePath,
    bundleDigest,
    ...(evidenceUri ? { evidenceUri } : {}),
    ...(evidenceArtifact ? { evidenceArtifact } : {}),
    ...(checkRunId !== undefined ? { checkRunId } : {}),
    notes,
  };
  core.setOutput('conclusion', outcome.conclusion);
  core.setOutput('blocked', String(outcome.blocked));
  core.setOutput('awaiting-approval', String(outcome.awaitingApproval));
  core.setOutput('evidence-dir', outcome.evidenceDir);
  core.setOutput('bundle', outcome.bundle);
  core.setOutput('bundle-digest', outcome.bundleDigest);
  core.setOutput('evidence-uri', outcome.evidenceUri ?? '');
  core.setOutput('evidence-artifact', outcome.evidenceArtifact ?? '');
  return outcome;
}

// GitHub shows at most 10 annotations of each level per step from workflow commands; the rest
// would only flood the log. The check run and the summary carry every finding.
const LOGGED_PER_LEVEL = 10;

function logAnnotations(annotations: readonly GateAnnotation[], inCheckRun: boolean): void {
  const logged = { failure: 0, warning: 0, notice: 0 };
  for (const annotation of annotations) {
    if (logged[annotation.level]++ >= LOGGED_PER_LEVEL) continue;
    const properties = { title: annotation.title, ...(annotation.path ? { file: annotation.path } : {}) };
    if (annotation.level === 'failure') core.error(annotation.message, properties);
    else if (annotation.level === 'warning') core.warning(annotation.message, properties);
    else core.notice(annotation.message, properties);
  }
  const hidden = annotations.length - Object.values(logged).reduce((sum, count) => sum + Math.min(count, LOGGED_PER_LEVEL), 0);
  if (hidden > 0) core.info(`${hidden} more finding${hidden === 1 ? '' : 's'} not repeated here: see ${inCheckRun ? 'the `CAVRA` check run and ' : ''}the job summary`);
}

function verifyArgsOf(verifyWith: PreparedGate['verifyWith'], hint: string | undefined): string {
  if (verifyWith.trustedKeyFile) return `--trusted-key ${verifyWith.trustedKeyFile}`;
  if (verifyWith.certificateIdentity) return `${verifyWith.trustRootFile ? `--trust-root ${verifyWith.trustRootFile} ` : ''}--certificate-identity ${verifyWith.certificateIdentity} --certificate-oidc-issuer ${verifyWith.certificateIssuer ?? ''}`;
  return hint ?? '';
}

// When node runs the bundle itself (the runner does), start; when imported (local-action, tests), wait for run().
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) void run();
