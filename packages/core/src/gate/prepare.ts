// The one turn from what an edge read (`GateInputs`) to a ready gate run (`GateOptions`).
// Everything is validated before any side effect: a bad option never leaves a key file, an
// evidence directory or a stored object behind.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { prepareDecisionPolicy } from '../catalog/prepare-policy.ts';
import type { ActionRequest } from '../decision/types.ts';
import { UNMEDIATED_RULE_ID } from '../session/mediation.ts';
import { mediateSessions } from '../session/mediate-sessions.ts';
import type { SessionProblem, SessionRead } from '../session/types.ts';
import { readSessionFile } from '../session/read-session.ts';
import { GATE_MODES, type GateMode } from '../report/gate-report.ts';
import { openEvidenceStore } from '../storage/open-store.ts';
import { DEFAULT_RETENTION, parseRetentionDays, planRetention } from '../storage/retention.ts';
import { RETENTION_MODES, type RetentionMode } from '../storage/store.ts';
import { parseStoreUri } from '../storage/uri.ts';
import { systemDecisionContext } from '../system-context.ts';
import type { AiBomAgent } from '../aibom/types.ts';
import { readRegistryDetails } from '../aibom/registry-details.ts';
import { describeRunningTool } from '../release/running-bundle.ts';
import { agentAccountsOf, agentAuthorsOf } from '../review/agent-accounts.ts';
import type { GateEdges, GateInputs } from './inputs.ts';
import { oneOf, optionError } from './option-error.ts';
import { PROVIDER_IDS, resolveProvider, type ProviderId } from './providers.ts';
import { authenticateGateRunner, checkRunnerAuthInputs } from './runner-auth.ts';
import type { GateOptions } from './run.ts';
import { checkSigningInputs, openGateSigning, type GateSigning } from './signing.ts';

/** A gate run ready to go, with what the edge needs to report it. */
export interface PreparedGate extends GateOptions {
  provider: ProviderId;
  reportsDir: string;
  /** What an auditor passes to `verify`. */
  verifyWith: GateSigning['verifyWith'];
}

/** Validates every input, reads the sessions, compiles the packs, opens signer and store, and authenticates the runner. */
export async function prepareGate(inputs: GateInputs, edges: GateEdges): Promise<PreparedGate> {
  const now = edges.now ?? (() => new Date());
  const progress = edges.progress ?? (() => undefined);

  // 1. Validate everything; nothing has been touched yet.
  const provider = resolveProvider(oneOf('provider', inputs.provider, ['auto', ...PROVIDER_IDS] as const), edges.env);
  const mode: GateMode = oneOf('mode', inputs.mode, GATE_MODES);
  if (inputs.sessions.length === 0 && inputs.requests === undefined) {
    throw optionError('sessions', 'is missing: give at least one agent session file', 'a CAVRA request JSON Lines file, an agent transcript or an event stream');
  }
  checkSigningInputs(inputs.signing);
  if (inputs.runnerAuth) checkRunnerAuthInputs(inputs.runnerAuth);
  const retentionDays = parseRetentionDays(inputs.store?.retainDays, 'store.retainDays');
  const retentionMode: RetentionMode = oneOf('store.retentionMode', inputs.store?.retentionMode ?? DEFAULT_RETENTION.mode, RETENTION_MODES);
  if (inputs.store) {
    try {
      parseStoreUri(inputs.store.uri);
    } catch (error) {
      throw optionError('store.uri', `is not a storage uri: ${(error as Error).message}`, 'use file://PATH, s3://BUCKET/PREFIX or azblob://ACCOUNT/CONTAINER/PREFIX');
    }
  }

  // 2. Read: sessions and packs (a bad pack fails here, before anything is written).
  const requests: ActionRequest[] = [...(inputs.requests ?? [])];
  const unreadable: SessionProblem[] = [...(inputs.unreadable ?? [])];
  const sessions: SessionRead[] = [];
  // The folder outside the workspace where `cavra hook` copied its checkpoints (set by `actions/hooks`).
  const headsMirror = inputs.hookHeadsDir ?? (edges.env.CAVRA_EVIDENCE_HEADS || undefined);
  for (const file of inputs.sessions) {
    const session = await readSessionFile(file, { root: edges.cwd, ...(headsMirror ? { headsMirror } : {}) });
    sessions.push(session);
    unreadable.push(...session.problems);
  }
  const { decided, unmediated, warnings } = mediateSessions(sessions);
  requests.push(...decided);
  for (const warning of warnings) progress(`warning: ${warning}`);
  if (unmediated.length > 0) progress(`${unmediated.length} tool call${unmediated.length === 1 ? '' : 's'} in the transcript went around the hook; each is recorded as a block (${UNMEDIATED_RULE_ID})`);
  if (unreadable.length > 0) progress(`${unreadable.length} session line${unreadable.length === 1 ? '' : 's'} could not be read; each is recorded as a block`);
  // A gate runs once per process (the CLI, the Action, the task): its parser wasm, if it loads,
  // stays on the baseline compiler, which also spares the exit the optimising of it.
  const policy = await prepareDecisionPolicy(
    { operatorDecides: true, packs: inputs.packs, policyDirs: inputs.policyDirs, ...(inputs.registryFile !== undefined ? { registryFile: inputs.registryFile } : {}), cwd: edges.cwd, shortRun: true },
    requests,
  );
  const store = inputs.store ? await openEvidenceStore(inputs.store.uri, { env: edges.env, ...(inputs.store.endpoint ? { endpoint: inputs.store.endpoint } : {}) }) : undefined;

  // 3. Side effects: the signing key (made on first use for the local default), the runner's token.
  const signing = await openGateSigning(inputs.signing, edges);
  if (signing.createdKey) progress(`created a local signing key at ${signing.createdKey} (public half: ${signing.verifyWith.trustedKeyFile ?? 'beside it'})`);
  const runnerAuth = inputs.runnerAuth ? await authenticateGateRunner(inputs.runnerAuth, edges, now) : undefined;
  if (runnerAuth) progress(runnerAuth.ok ? `runner authenticated: ${runnerAuth.identity.provider} ${runnerAuth.identity.subject}` : `runner authentication failed: ${runnerAuth.error.message}`);

  const started = now();
  return {
    provider,
    reportsDir: inputs.reportsDir ?? '.',
    verifyWith: signing.verifyWith,
    policy,
    requests,
    unreadable,
    aiBom: {
      tool: describeRunningTool(edges.entryFile),
      ...(inputs.registryFile !== undefined ? { registry: readRegistryDetails(inputs.registryFile) } : {}),
      agents: agentsSeen(sessions, inputs),
    },
    ...(inputs.review ? { review: inputs.review } : {}),
    ...(inputs.approvers ? { approvers: inputs.approvers } : {}),
    ...(unmediated.length > 0 ? { unmediated } : {}),
    mode,
    evidenceDir: inputs.evidenceDir ?? join('.cavra', 'runs', `${started.toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`),
    ...signing.gate,
    ...(runnerAuth ? { runnerAuth } : {}),
    ...(store && inputs.store
      ? {
          storage: {
            store,
            retention: planRetention(started, retentionDays, retentionMode, false),
            // A local folder cannot prove immutability; it is the embedded default, so it is accepted and the receipt says so.
            allowMutable: (inputs.store.allowMutable ?? false) || inputs.store.uri.startsWith('file://'),
          },
        }
      : {}),
    context: systemDecisionContext(now),
    progress,
  };
}

// The agents the AI-BOM names beyond the decisions' own `agent_id`s: whose session formats were
// read, and the agent accounts that authored the change.
const AGENT_OF_FORMAT: Partial<Record<SessionRead['format'], string>> = {
  'claude-code-transcript': 'claude-code',
  'claude-code-execution': 'claude-code',
  'codex-exec-json': 'codex',
  'codex-rollout': 'codex',
};

function agentsSeen(sessions: readonly SessionRead[], inputs: GateInputs): AiBomAgent[] {
  const fromSessions = [...new Set(sessions.map((session) => AGENT_OF_FORMAT[session.format]).filter((name) => name !== undefined))].map((name): AiBomAgent => ({ name, kind: 'session' }));
  const accounts = agentAccountsOf(inputs.approvers);
  const authors = inputs.review ? agentAuthorsOf(inputs.review, accounts).map((name): AiBomAgent => ({ name, kind: 'pull-request-author' })) : [];
  return [...fromSessions, ...authors];
}
