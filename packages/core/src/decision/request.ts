import { CavraError } from '../errors.ts';
import { ACTION_TYPES, type ActionRequest, type ActionType } from './types.ts';

const STRING_FIELDS = ['session_id', 'agent_id', 'actor', 'action_type', 'target', 'operation', 'requested_operation', 'policy_pack', 'server', 'tool', 'capability'] as const;

/** Checks that a parsed JSON value is a request we can decide; `where` names it in errors (e.g. `line 3`). */
export function assertActionRequest(value: unknown, where: string): asserts value is ActionRequest & { action_type: ActionType } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CavraError('ERR_REQUEST_INVALID', `invalid request at ${where}: expected a JSON object`, { hint: 'each request is one JSON object with at least `action_type`' });
  }
  const fields = value as Record<string, unknown>;
  for (const field of STRING_FIELDS) {
    const fieldValue = fields[field];
    if (fieldValue !== undefined && fieldValue !== null && typeof fieldValue !== 'string') {
      throw new CavraError('ERR_REQUEST_INVALID', `invalid request at ${where}: \`${field}\` must be a string`, { details: { field } });
    }
  }
  const actionType = fields.action_type;
  if (!ACTION_TYPES.includes(actionType as ActionType)) {
    const shown = typeof actionType === 'string' ? `\`${actionType}\`` : 'missing';
    throw new CavraError('ERR_ACTION_TYPE_UNKNOWN', `unknown action type ${shown} at ${where}`, {
      hint: `use one of ${ACTION_TYPES.join(', ')}`,
      details: { field: 'action_type' },
    });
  }
}

// §7.2: the typed contract keeps only non-empty strings, non-zero numbers, non-empty lists and a
// true `delivery_success`; an all-empty object yields no record.
const TYPED_FIELDS = [
  'metadata_kind', 'release_channel', 'release_version', 'approval_state', 'approval_id', 'approval_required_count',
  'delivery_success', 'failed_providers', 'failed_delivery_count', 'connector_delivery_failure_count', 'alert_level',
  'drift_status', 'handoff_status', 'blocked_count', 'critical_count', 'breached_count', 'drifted_endpoint_count',
  'missing_target_count', 'evidence_refs', 'connector_delivery_source', 'verification_status', 'integrity_status',
  'failed_verification_count', 'integrity_failure_count', 'audit_export_status', 'rollback_reference_count',
] as const;

/** The release-governance record of a request: `record` as is, or the typed `release_governance` contract. */
export function releaseRecordOf(request: ActionRequest): unknown {
  if (request.record !== undefined && request.record !== null) return request.record;
  const typed = request.release_governance;
  if (typeof typed !== 'object' || typed === null) return undefined;
  const record: Record<string, unknown> = {};
  for (const field of TYPED_FIELDS) {
    const value = (typed as Record<string, unknown>)[field];
    const keep =
      (typeof value === 'string' && value !== '') ||
      (typeof value === 'number' && value !== 0) ||
      (Array.isArray(value) && value.length > 0) ||
      value === true;
    if (keep) record[field] = value;
  }
  return record;
}
