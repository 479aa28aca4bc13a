// The composition root: the one place that wires deciding, recording, signing, storing and
// reporting together. Every part arrives ready-made (compiled policy, signer, store), so the
// gate itself reads no environment and no files of its own.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { batchEvaluator } from '../decision/batch.ts';
import { recordVerdict, requestedOperationOf, type DecisionPolicy } from '../decision/evaluate.ts';
import type { ActionRequest, DecisionContext, DecisionRecord, Verdict } from '../decision/types.ts';
import { CavraError } from '../errors.ts';
import type { NoteSigner } from '../evidence/checkpoint.ts';
import { appendEvidence } from '../evidence/log.ts';
import { problemText } from '../evidence/problem.ts';
import { withGateRunLock } from './run-lock.ts';
import type { RunnerAuthResult } from '../identity/runner-auth.ts';
import { writeAiBom, type AiBomContext } from '../aibom/write.ts';
import { describeRunningTool } from '../release/running-bundle.ts';
import { GATE_REPORT_FILES } from '../report/files.ts';
import { buildGateReport, type GateMode, type GateReport } from '../report/gate-report.ts';
import { agentAccountsOf, agentAuthorsOf } from '../review/agent-accounts.ts';
import { judgeApprovals, type ApprovalOutcome } from '../review/approvals.ts';
import type { ApproversFile } from '../review/approvers-file.ts';
import type { ReviewContext } from '../review/types.ts';
import { unmediatedVerdict } from '../session/mediation.ts';
import type { SessionProblem } from '../session/types.ts';
import { sealEvidence } from '../signing/seal.ts';
import type { Signer } from '../signing/signer.ts';
import type { BundleTrust } from '../signing/verify-bundle.ts';
import { verifyEvidence, type EvidenceReport } from '../signing/verify-evidence.ts';
import { pushEvidence } from '../storage/push.ts';
import type { StorageReceipt } from '../storage/receipt.ts';
import type { EvidenceStore, RetentionRequest } from '../storage/store.ts';

/** Where a gate run keeps its evidence beyond the run. */
export interface GateStorage {
  store: EvidenceStore;
  retention: RetentionRequest;
  /** Accept a store that cannot prove immutability (the receipt says so). */
  allowMutable: boolean;
}

/** Everything a gate run needs, built by `prepareGate()` (or by hand in tests). */
export interface GateOptions {
  policy: DecisionPolicy;
  requests: readonly ActionRequest[];
  /** Lines or blocks of the sessions that could not be read: each is recorded as a `block`. */
  unreadable?: readonly SessionProblem[];
  /** Requests (members of `requests`) whose tool call no hook decided: each is recorded as a `block` (`session.unmediated`). */
  unmediated?: readonly ActionRequest[];
  mode: GateMode;
  /** The evidence directory this run appends to and seals. */
  evidenceDir: string;
  signer: Signer;
  noteSigner?: NoteSigner;
  /** What the sealed bundle must verify against before the run counts. */
  trust: BundleTrust;
  /**
   * The runner's authentication, when the gate requires one: a verified identity is bound into
   * every record and the sealed statement; a failure blocks every action with `runner_auth.invalid`.
   */
  runnerAuth?: RunnerAuthResult;
  storage?: GateStorage;
  /** What the edges know of the run's materials (tool digest, registry, agents) for its AI-BOM. */
  aiBom?: AiBomContext;
  /** The change under review: its approvals can satisfy `require_approval` decisions, and its agent authorship is recorded. */
  review?: ReviewContext;
  /** Who may approve, from the base branch's `.cavra/approvers.yml`. */
  approvers?: ApproversFile;
  context: DecisionContext;
  /** Progress lines for long work; never given secrets. */
  progress?: (message: string) => void;
}

export interface GateResult {
  /** The decisions with secrets redacted, as recorded: every report and artefact is rendered from these. */
  decisions: DecisionRecord[];
  report: GateReport;
  evidenceDir: string;
  bundlePath: string;
  verification: EvidenceReport;
  receipt?: StorageReceipt;
  /** One outcome per `require_approval` decision, also recorded in the sealed report. */
  approvals?: ApprovalOutcome[];
}


/** The rule of a session line or block that could not be read as an action. */
export const UNREADABLE_RULE_ID = 'cavra.request.invalid';

/**
 * Runs the gate: decides every action, appends the decisions to the evidence log, writes the
 * report, seals log and report into a signed bundle, verifies the bundle as an auditor would,
 * and stores the evidence. The run fails (throws) rather than report evidence that did not verify.
 */
export async function runGate(options: GateOptions): Promise<GateResult> {
  return withGateRunLock(options.evidenceDir, () => runLocked(options));
}

async function runLocked(options: GateOptions): Promise<GateResult> {
  const progress = options.progress ?? (() => undefined);
  const now = () => options.context.now();
  const unreadable = (options.unreadable ?? []).map(unreadableAction);
  const actions: ActionRequest[] = [...options.requests, ...unreadable.map(({ request }) => request)];
  const unmediated = new Set(options.unmediated ?? []);

  progress(`deciding ${actions.length} agent action${actions.length === 1 ? '' : 's'}`);
  const auth = options.runnerAuth;
  const identity = auth?.ok ? (auth.identity as unknown as Record<string, unknown>) : undefined;
  const evaluate = batchEvaluator(options.policy);
  const decide = (request: ActionRequest, index: number): DecisionRecord => {
    const verdict =
      auth && !auth.ok
        ? { ...auth.verdict, target: request.target ?? '', requested_operation: requestedOperationOf(request) }
        : (unreadable[index - options.requests.length]?.verdict ?? (unmediated.has(request) ? unmediatedVerdict(request) : undefined));
    return verdict ? recordVerdict(request, verdict, options.context, options.policy.defaultPackId) : evaluate(request, options.context);
  };
  const decisions = actions.map(decide);

  progress(`recording ${decisions.length} decisions in ${options.evidenceDir}`);
  const { recorded, written } = await appendEvidence(
    options.evidenceDir,
    decisions.map((decision, index) => ({
      decision,
      request: actions[index],
      ...(identity ? { identity } : {}),
      ...packDigestOf(options.policy, decision),
    })),
    { now, ...(options.noteSigner ? { noteSigner: options.noteSigner } : {}), ...(identity ? { identity } : {}) },
  );

  // Everything that leaves the log (reports, stdout, annotations, the store) shows what the log keeps: redacted.
  const review = options.review;
  const approvals = judgeApprovals(recorded, review, options.approvers);
  const agentAccounts = agentAccountsOf(options.approvers);
  const report = buildGateReport(recorded, options.mode, {
    approvals,
    ...(review ? { change: { provider: review.provider, id: review.changeId, ...(review.url ? { url: review.url } : {}), headSha: review.headSha, author: review.author, agentAuthors: agentAuthorsOf(review, agentAccounts), limitations: [...(review.limitations ?? [])] } } : {}),
  });
  const reportJson = join(options.evidenceDir, GATE_REPORT_FILES.json);
  const reportMarkdown = join(options.evidenceDir, GATE_REPORT_FILES.markdown);
  writeFileSync(reportJson, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(reportMarkdown, report.summary);
  const aiBom = await writeAiBom(options.evidenceDir, {
    ...(options.aiBom ?? { tool: describeRunningTool(undefined) }),
    decisions: recorded,
    requests: actions,
    packs: options.policy.packs.values(),
    now,
  });

  progress('sealing the evidence');
  const sealed = await sealEvidence(options.evidenceDir, {
    signer: options.signer,
    ...(options.noteSigner ? { noteSigner: options.noteSigner } : {}),
    now,
    ...(identity ? { run: identity } : {}),
    artefacts: [reportJson, reportMarkdown, aiBom],
    written,
  });

  progress('verifying the sealed evidence');
  const verification = await verifyEvidence(options.evidenceDir, options.trust);
  if (!verification.valid) {
    // "Not covered by a signature" follows from any signature failure; name the cause instead.
    const problem = verification.problems.find((p) => p.code !== 'ERR_EVIDENCE_UNSIGNED') ?? verification.problems[0];
    const cause = problem ? problemText(problem) : 'unknown error';
    throw new CavraError('ERR_VERIFY_FAILED', `the evidence sealed in \`${options.evidenceDir}\` does not verify: ${cause}`, {
      hint: 'run `cavra verify` on the directory for the full report',
    });
  }

  let receipt: StorageReceipt | undefined;
  if (options.storage) {
    progress(`storing the evidence in ${options.storage.store.uri}`);
    receipt = await pushEvidence(options.evidenceDir, options.storage.store, {
      retention: options.storage.retention,
      allowMutable: options.storage.allowMutable,
      now,
    });
  }
  return { decisions: recorded, report, evidenceDir: options.evidenceDir, bundlePath: sealed.bundlePath, verification, approvals, ...(receipt ? { receipt } : {}) };
}

// A session line that could not be read is an action we cannot judge: recorded as a block that
// names where it was and its digest (not its content, which may be what broke the reader).
function unreadableAction(problem: SessionProblem): { request: ActionRequest; verdict: Verdict } {
  const target = `${problem.file}:${problem.line}`;
  return {
    request: { action_type: 'cavra_unreadable_session_line', target, session_file: problem.file, session_line: problem.line, line_digest: problem.digest } as ActionRequest,
    verdict: {
      rule_id: UNREADABLE_RULE_ID,
      decision: 'block',
      severity: 'high',
      reason: `session line ${target} (${problem.digest}) could not be read as an agent action: ${problem.message}`,
      approver_group: null,
      target,
      requested_operation: '',
      action_type: 'cavra_unreadable_session_line',
    },
  };
}

function packDigestOf(policy: DecisionPolicy, decision: DecisionRecord): { packDigest?: string } {
  const digest = policy.packs.get(decision.policy_pack)?.digest;
  return digest ? { packDigest: digest } : {};
}
