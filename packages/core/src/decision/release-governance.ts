import { APPROVER_GROUPS, type Verdict } from './types.ts';

// Release governance (cavra-reference §7.1). The ladder is upstream's; we also read signals
// encoded as strings ("1") and the counters upstream ignores (§10.18), which only ever makes a
// decision stricter.

const DELIVERY_KINDS = new Set(['endpoint-management-publication-delivery', 'release-connector-delivery']);
const EXECUTION_KINDS = new Set(['endpoint-drift-remediation-execution', 'rollout-promotion-execution', 'rollout-rollback-execution']);
const APPROVAL_REQUIRED_KINDS = new Set([
  'release-channel-promotion-request',
  'endpoint-reconciliation-automation',
  'endpoint-drift-remediation-request',
  ...EXECUTION_KINDS,
  'endpoint-remediation-handoff',
]);
const KNOWN_KINDS = new Set([
  'endpoint-inventory-ingestion', 'endpoint-inventory-freshness-report', 'managed-endpoint-reconciliation',
  'endpoint-management-export', 'endpoint-management-publication-delivery', 'endpoint-reconciliation-automation',
  'endpoint-drift-remediation-request', 'endpoint-drift-remediation-execution', 'endpoint-remediation-handoff',
  'endpoint-remediation-handoff-status', 'endpoint-remediation-sla-report', 'endpoint-remediation-sla-notification-plan',
  'endpoint-remediation-sla-notification-ack', 'endpoint-remediation-sla-escalation-plan',
  'endpoint-remediation-sla-escalation-review', 'endpoint-remediation-sla-escalation-recurrence-plan',
  'endpoint-remediation-sla-escalation-suppression-audit', 'endpoint-remediation-sla-escalation-recurrence-retry-plan',
  'endpoint-remediation-sla-escalation-owner-digest', 'endpoint-remediation-sla-escalation-suppression-trend',
  'endpoint-remediation-sla-escalation-recurrence-automation-run',
  'endpoint-remediation-sla-escalation-recurrence-automation-health-alert-plan',
  'endpoint-remediation-sla-escalation-recurrence-automation-health-alert-ack',
  'release-channel-promotion-request', 'release-connector-delivery', 'rollout-promotion-execution',
  'rollout-rollback-execution', 'rollout-evidence-capture', 'rollout-evidence-verification',
  'rollout-artifact-retrieval', 'rollout-artifact-integrity',
]);
const DENIED_STATES = new Set(['denied', 'rejected', 'expired', 'cancelled', 'canceled']);
const CRITICAL_STATES: ReadonlyArray<[string, ReadonlySet<string>]> = [
  ['alert_level', new Set(['critical', 'blocked', 'breached'])],
  ['drift_status', new Set(['drifted', 'non_compliant', 'drift_detected'])],
  ['handoff_status', new Set(['blocked', 'failed'])],
  ['verification_status', new Set(['failed', 'blocked', 'mismatch'])],
  ['integrity_status', new Set(['failed', 'mismatch', 'tampered'])],
  ['audit_export_status', new Set(['failed', 'blocked'])],
];
const CRITICAL_COUNTS = [
  'blocked_count', 'critical_count', 'breached_count', 'failed_delivery_count', 'connector_delivery_failure_count',
  'failed_verification_count', 'integrity_failure_count', 'drifted_endpoint_count', 'missing_target_count',
];

/** Decides a release-governance record; `record` is attacker-controlled JSON. */
export function decideReleaseGovernance(record: unknown, requestTarget: string, operation: string): Verdict {
  const fields = isObject(record) ? record : {};
  const metadataKind = text(fields.metadata_kind);
  const kind = metadataKind || requestTarget || 'release-governance-record';
  const target = requestTarget || kind;
  const base = { target, requested_operation: operation, action_type: 'release_governance_record' };
  const verdict = (rule_id: string, decision: Verdict['decision'], severity: Verdict['severity'], reason: string, approver = true): Verdict => ({
    ...base, rule_id, decision, severity, reason, approver_group: approver ? APPROVER_GROUPS.releaseGovernance : null,
  });

  if (Object.keys(fields).length === 0) return verdict('release_governance.record.missing', 'require_approval', 'medium', 'no release-governance record was supplied');
  const approval = isObject(fields.approval) ? fields.approval : {};
  const approvalState = state(fields.approval_state) || state(approval.state);
  const approvalId = text(fields.approval_id) || text(approval.approval_id);
  const approvalCount = count(fields.approval_required_count);
  const requiresApproval = approvalCount === UNREADABLE || approvalCount > 0 || approvalState !== '' || APPROVAL_REQUIRED_KINDS.has(kind);

  if (approvalState === 'approved' && approvalId === '') return verdict('release_governance.approval.missing', 'block', 'critical', `\`${kind}\` claims approval without an approval id`);
  if (approvalState === 'approved') return verdict('release_governance.approval.approved', 'allow', 'low', `\`${kind}\` is approved by \`${approvalId}\``, false);
  if (approvalState === 'pending') return verdict('release_governance.approval.pending', 'require_approval', 'high', `\`${kind}\` is waiting for approval`);
  if (DENIED_STATES.has(approvalState)) return verdict('release_governance.approval.denied', 'block', 'critical', `\`${kind}\` approval is ${approvalState}`);
  if (approvalState !== '') return verdict('release_governance.approval.unknown', 'require_approval', 'medium', `\`${kind}\` has unknown approval state \`${approvalState}\``);
  if (DELIVERY_KINDS.has(metadataKind) && !truthy(fields.delivery_success)) return verdict('release_governance.delivery.failed', 'block', 'high', `\`${kind}\` delivery did not succeed`);
  const unreadable = unreadableCounter(fields);
  if (unreadable) return verdict('release_governance.signal.unreadable', 'require_approval', 'high', `\`${kind}\` carries a counter that is not a non-negative integer (${unreadable}): a human must read it`);
  const signal = criticalSignal(fields);
  if (signal) return verdict('release_governance.signal.critical', 'require_approval', 'high', `\`${kind}\` carries a critical signal (${signal})`);
  if (requiresApproval && EXECUTION_KINDS.has(kind)) return verdict('release_governance.approval.missing', 'block', 'critical', `\`${kind}\` executes without an approval`);
  if (requiresApproval) return verdict('release_governance.approval.required', 'require_approval', 'high', `\`${kind}\` requires an approval`);
  if (KNOWN_KINDS.has(kind)) return verdict('release_governance.record.verified', 'allow', 'low', `\`${kind}\` verified with no blocking signal`, false);
  return verdict('release_governance.approval.not_required', 'allow', 'low', `\`${kind}\` needs no approval and carries no blocking signal`, false);
}

function criticalSignal(fields: Record<string, unknown>): string | undefined {
  for (const [field, states] of CRITICAL_STATES) {
    const value = state(fields[field]);
    if (states.has(value)) return `${field}=${value}`;
  }
  for (const field of CRITICAL_COUNTS) if (count(fields[field]) > 0) return `${field}>0`;
  return undefined;
}

// A counter that is present but cannot be read fails closed (issue 17 item 8): `1e400`, `"1e3"`,
// `"+1"`, `"1,000"`, `true` or `[1]` must not read as zero.
function unreadableCounter(fields: Record<string, unknown>): string | undefined {
  for (const field of [...CRITICAL_COUNTS, 'approval_required_count', 'rollback_reference_count']) {
    if (count(fields[field]) === UNREADABLE) return field;
  }
  return undefined;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return (typeof value === 'string' ? value : JSON.stringify(value)).trim();
}

function state(value: unknown): string {
  return text(value).toLowerCase().replace(/-/g, '_');
}

const UNREADABLE = -1;

// A counter is a non-negative integer, or one written in decimal digits as a string (§10.18).
// Absent (or null) reads as zero; anything else present is UNREADABLE.
function count(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : UNREADABLE;
  if (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value)) return Number(value);
  return UNREADABLE;
}

function truthy(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return typeof value === 'string' && ['true', 'yes', 'success', 'succeeded'].includes(value.trim().toLowerCase());
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
