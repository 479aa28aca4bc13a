import { createHmac, hash, timingSafeEqual } from 'node:crypto';
import { CavraError, isCavraError } from '../errors.ts';
import { readRegularText } from './safe-read.ts';
import { toWellFormed } from './unicode.ts';

// Upstream CAVRA Go daemon evidence stream (`cavra.go-daemon.evidence.v1`, reference §5.1).
// Record hashes are over Go `encoding/json` output of fixed structs, so we reproduce Go's field
// order, omitempty and HTML-safe escaping byte for byte.

/** Schema id of an upstream daemon record. */
export const DAEMON_EVIDENCE_SCHEMA = 'cavra.go-daemon.evidence.v1';

type Shape = { kind: 'string' | 'int' | 'bool' | 'strings' } | { kind: 'struct'; fields: readonly (readonly [string, Shape, FieldMode?])[] };
type FieldMode = 'always' | 'pointer';

const str: Shape = { kind: 'string' };
const int: Shape = { kind: 'int' };
const bool: Shape = { kind: 'bool' };
const strings: Shape = { kind: 'strings' };
const struct = (fields: readonly (readonly [string, Shape, FieldMode?])[]): Shape => ({ kind: 'struct', fields });

const IDENTITY = struct(['provider', 'repository', 'workflow', 'run_id', 'run_attempt', 'ref', 'sha', 'actor', 'job', 'runner_name'].map((k) => [k, str] as const));
const RUNNER_AUTH = struct([['identity', IDENTITY, 'always'], ['algorithm', str], ['key_id', str], ['signature', str]]);
const RELEASE_GOVERNANCE = struct([
  ['metadata_kind', str], ['release_channel', str], ['release_version', str], ['approval_state', str], ['approval_id', str],
  ['approval_required_count', int], ['delivery_success', bool], ['failed_providers', strings], ['failed_delivery_count', int],
  ['connector_delivery_failure_count', int], ['alert_level', str], ['drift_status', str], ['handoff_status', str],
  ['blocked_count', int], ['critical_count', int], ['breached_count', int], ['drifted_endpoint_count', int],
  ['missing_target_count', int], ['evidence_refs', strings], ['connector_delivery_source', str], ['verification_status', str],
  ['integrity_status', str], ['failed_verification_count', int], ['integrity_failure_count', int], ['audit_export_status', str],
  ['rollback_reference_count', int],
]);
const REQUEST = struct([
  ['session_id', str], ['agent_id', str], ['actor', str], ['action_type', str], ['target', str], ['requested_operation', str],
  ['policy_pack', str], ['release_governance', RELEASE_GOVERNANCE, 'pointer'], ['runner_auth', RUNNER_AUTH, 'pointer'],
]);
const RESPONSE = struct(
  ['decision_id', 'session_id', 'agent_id', 'actor', 'action_type', 'target', 'requested_operation', 'policy_pack', 'policy_id', 'rule_id', 'decision', 'severity', 'reason']
    .map((k) => [k, str] as const)
    .concat([['evidence_refs', strings] as const, ['approver_group', str] as const, ['timestamp', str] as const, ['correlation_id', str] as const]),
);
const SIGNATURE = struct([['algorithm', str], ['key_id', str], ['value', str]]);
const RECORD = struct([
  ['schema_version', str], ['product', str], ['event_type', str], ['record_id', str], ['sequence', int], ['previous_hash', str],
  ['record_hash', str], ['timestamp', str], ['request', REQUEST, 'always'], ['response', RESPONSE, 'always'], ['signature', SIGNATURE, 'pointer'],
]);

/** Go `encoding/json` string escaping (HTML-safe, U+2028/9 escaped, `\b` `\f` short since Go 1.22). */
export function goJsonString(text: string): string {
  let out = '"';
  for (const ch of toWellFormed(text)) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function isEmpty(value: unknown, shape: Shape): boolean {
  if (value === undefined || value === null) return true;
  if (shape.kind === 'string') return value === '';
  if (shape.kind === 'int') return value === 0;
  if (shape.kind === 'bool') return value === false;
  if (shape.kind === 'strings') return !Array.isArray(value) || value.length === 0;
  return false;
}

function encode(value: unknown, shape: Shape): string {
  switch (shape.kind) {
    case 'string':
      return goJsonString(typeof value === 'string' ? value : '');
    case 'int':
      return String(typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0);
    case 'bool':
      return value === true ? 'true' : 'false';
    case 'strings':
      return Array.isArray(value) ? `[${value.map((v) => goJsonString(String(v))).join(',')}]` : 'null';
    case 'struct': {
      const object = (value !== null && typeof value === 'object' ? value : {}) as Record<string, unknown>;
      const parts: string[] = [];
      for (const [key, fieldShape, mode] of shape.fields) {
        const item = object[key];
        if (mode === 'always') parts.push(`${goJsonString(key)}:${encode(item, fieldShape)}`);
        else if (mode === 'pointer') {
          if (item !== undefined && item !== null && typeof item === 'object') parts.push(`${goJsonString(key)}:${encode(item, fieldShape)}`);
        } else if (!isEmpty(item, fieldShape)) parts.push(`${goJsonString(key)}:${encode(item, fieldShape)}`);
      }
      return `{${parts.join(',')}}`;
    }
  }
}

/** Go-compact encoding of a contract request (`EvaluateRequest`). */
export function encodeDaemonRequest(request: unknown): string {
  return encode(request, REQUEST);
}

/** Go-compact encoding of a decision response. */
export function encodeDaemonResponse(response: unknown): string {
  return encode(response, RESPONSE);
}

/** `record_hash` of a daemon record: SHA-256 of its Go encoding with `record_hash` empty and no signature. */
export function daemonRecordHash(record: Record<string, unknown>): string {
  return hash('sha256', encode({ ...record, record_hash: '', signature: undefined }, RECORD), 'hex');
}

/** HMAC-SHA256 signature value of a record (hex). */
export function daemonRecordSignature(key: string | Buffer, previousHash: string, recordHash: string): string {
  return createHmac('sha256', key).update(`${DAEMON_EVIDENCE_SCHEMA}\n${previousHash}\n${recordHash}`).digest('hex');
}

/** Options of {@link verifyDaemonLog}. */
export interface DaemonVerifyOptions {
  /** HMAC key; when given, every record must carry a valid signature (stricter than upstream, §10.20). */
  hmacKey?: string | Buffer;
  keyId?: string;
  /**
   * Accept a log checked without a key (upstream's behaviour). Without a key anyone can forge a
   * log whose hashes chain, so by default that is `ERR_EVIDENCE_UNSIGNED`.
   */
  allowUnsigned?: boolean;
}

/** Upstream's report (`release-governance-evidence-verification.json`). */
export interface DaemonVerification {
  path: string;
  valid: boolean;
  records: number;
  signed_records: number;
  errors: string[];
  format: 'cavra-daemon';
}

/** Verifies an upstream daemon evidence log as upstream does (§5.1), plus requiring signatures when a key is given. */
export function verifyDaemonLog(path: string, options: DaemonVerifyOptions = {}): DaemonVerification {
  let text: string;
  try {
    text = readRegularText(path, 'daemon evidence log', MAX_DAEMON_LOG_BYTES) ?? missing(path);
  } catch (cause) {
    if (isCavraError(cause)) throw cause;
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read daemon evidence log \`${path}\``, { cause });
  }
  const errors: string[] = [];
  let records = 0;
  let signed = 0;
  let expectedSeq = 1;
  let previous = '';
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    const n = ++records;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(raw) as Record<string, unknown>;
      if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new Error('not an object');
    } catch {
      // Unlike upstream, a bad line still advances the expected sequence, so one bad line gives one error.
      errors.push(`record ${n}: line is not a JSON object [ERR_EVIDENCE_RECORD_MALFORMED]`);
      expectedSeq += 1;
      continue;
    }
    const stored = typeof record.record_hash === 'string' ? record.record_hash : '';
    if (record.schema_version !== DAEMON_EVIDENCE_SCHEMA) errors.push(`record ${n}: schema_version is not \`${DAEMON_EVIDENCE_SCHEMA}\` [ERR_EVIDENCE_RECORD_MALFORMED]`);
    if (record.sequence !== expectedSeq) errors.push(`record ${n}: sequence ${String(record.sequence)} where ${expectedSeq} was expected [ERR_EVIDENCE_SEQUENCE]`);
    if ((record.previous_hash ?? '') !== previous) errors.push(`record ${n}: previous_hash is not the hash of record ${n - 1} [ERR_EVIDENCE_CHAIN_BROKEN]`);
    if (daemonRecordHash(record) !== stored) errors.push(`record ${n}: record_hash does not match its content [ERR_EVIDENCE_HASH_MISMATCH]`);
    const signature = record.signature as { algorithm?: unknown; key_id?: unknown; value?: unknown } | undefined;
    if (signature && typeof signature === 'object') {
      signed += 1;
      if (signature.algorithm !== 'HMAC-SHA256') errors.push(`record ${n}: signature algorithm is not HMAC-SHA256 [ERR_EVIDENCE_SIGNATURE_INVALID]`);
      else if (options.hmacKey === undefined) errors.push(`record ${n}: signed record but no HMAC key was given [ERR_EVIDENCE_UNSIGNED]`);
      else if (options.keyId !== undefined && signature.key_id !== options.keyId) errors.push(`record ${n}: signature key_id is not \`${options.keyId}\` [ERR_KEY_UNTRUSTED]`);
      else if (!hexEqual(daemonRecordSignature(options.hmacKey, String(record.previous_hash ?? ''), stored), String(signature.value ?? ''))) {
        errors.push(`record ${n}: HMAC signature does not verify [ERR_EVIDENCE_SIGNATURE_INVALID]`);
      }
    } else if (options.hmacKey !== undefined) {
      errors.push(`record ${n}: record is unsigned although a key was given [ERR_EVIDENCE_UNSIGNED]`);
    }
    previous = stored;
    expectedSeq += 1;
  }
  if (records === 0) errors.push('evidence stream is empty [ERR_EVIDENCE_EMPTY]');
  else if (options.hmacKey === undefined && !options.allowUnsigned && signed === 0) {
    errors.push(`records 1-${records}: no HMAC key was given, so nothing proves who wrote this log (pass the key, or accept an unsigned log explicitly) [ERR_EVIDENCE_UNSIGNED]`);
  }
  return { path, valid: errors.length === 0, records, signed_records: signed, errors, format: 'cavra-daemon' };
}

// A string is at most ~512 MB in V8; a daemon log is read whole.
const MAX_DAEMON_LOG_BYTES = 256 * 1024 * 1024;

function missing(path: string): never {
  throw new CavraError('ERR_EVIDENCE_NOT_FOUND', `no daemon evidence log at \`${path}\``);
}

function hexEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected.toLowerCase());
  const b = Buffer.from(actual.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}
