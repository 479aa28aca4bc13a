import { CavraError, isCavraError, type CavraErrorCode } from '../errors.ts';
import { assertRunnerClaimsPolicy, type RunnerClaimsPolicy } from './claims-policy.ts';
import type { RunnerIdentity } from './runner-identity.ts';
import { verifyRunnerToken, type VerifyRunnerTokenOptions } from './verify-token.ts';

/** The rule a failed runner authentication decides under (upstream §6.3). */
export const RUNNER_AUTH_RULE_ID = 'runner_auth.invalid';

/**
 * The block a failed runner authentication produces; structurally a decision `Verdict`
 * (rule `runner_auth.invalid`, severity critical), so the gate records it like any other.
 */
export interface RunnerAuthVerdict {
  rule_id: typeof RUNNER_AUTH_RULE_ID;
  decision: 'block';
  severity: 'critical';
  reason: string;
  approver_group: null;
  target: string;
  requested_operation: string;
  action_type?: string;
  analysis: { error_code: CavraErrorCode; claim?: string };
}

/** The outcome of {@link authenticateRunner}. */
export type RunnerAuthResult = { ok: true; identity: RunnerIdentity } | { ok: false; error: CavraError; verdict: RunnerAuthVerdict };

/** Token verification plus the gate's claims policy. */
export interface AuthenticateRunnerOptions {
  verify: VerifyRunnerTokenOptions;
  policy?: RunnerClaimsPolicy;
  /** The action being judged, echoed into the verdict. */
  action?: { target?: string; requested_operation?: string; action_type?: string };
}

/** Verifies a runner token against the claims policy; never throws for a bad token, it returns the blocking verdict. */
export async function authenticateRunner(token: string, options: AuthenticateRunnerOptions): Promise<RunnerAuthResult> {
  try {
    const identity = await verifyRunnerToken(token, options.verify);
    if (options.policy) assertRunnerClaimsPolicy(identity, options.policy);
    return { ok: true, identity };
  } catch (cause) {
    const error = isCavraError(cause) ? cause : new CavraError('ERR_INTERNAL', 'runner authentication failed unexpectedly', { cause });
    return { ok: false, error, verdict: runnerAuthVerdict(error, options.action) };
  }
}

// Fail closed: whatever went wrong, the verdict is a critical block (upstream §6.3 response).
/** The blocking verdict for a runner-authentication failure. */
export function runnerAuthVerdict(error: CavraError, action: AuthenticateRunnerOptions['action'] = {}): RunnerAuthVerdict {
  const claim = typeof error.details?.claim === 'string' ? error.details.claim : undefined;
  return {
    rule_id: RUNNER_AUTH_RULE_ID,
    decision: 'block',
    severity: 'critical',
    reason: `runner authentication failed: ${error.message}`,
    approver_group: null,
    target: action.target ?? '',
    requested_operation: action.requested_operation ?? '',
    ...(action.action_type !== undefined ? { action_type: action.action_type } : {}),
    analysis: { error_code: error.code, ...(claim !== undefined ? { claim } : {}) },
  };
}
