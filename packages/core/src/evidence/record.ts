import { hash } from 'node:crypto';
import type { DecisionRecord } from '../decision/types.ts';
import { canonicalJson, sortedCopy } from './canonical.ts';
import { findRuleSecrets, redactRequest, redactSorted } from './redact.ts';

/** Schema id of one evidence record. */
export const EVIDENCE_RECORD_SCHEMA = 'cavra.evidence.record.v1';

/** The `prev` of the first record: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a caller appends: one decision and its context. */
export interface EvidenceInput {
  decision: DecisionRecord;
  /** The request as received; secrets are redacted before anything is written. */
  request: unknown;
  /** Runner identity when known (a verified token's claims, for example). */
  identity?: Record<string, unknown>;
  /** `CompiledPack.digest` of the pack that decided. */
  packDigest?: string;
}

/** One record of `evidence.jsonl` (`record` member of a line). Keys are in RFC 8785 order. */
export interface EvidenceRecord {
  chain: { prev: string; seq: number };
  decision: DecisionRecord;
  identity?: Record<string, unknown>;
  pack_digest?: string;
  request: unknown;
  schema: typeof EVIDENCE_RECORD_SCHEMA;
}

/** One line of `evidence.jsonl`: `{"hash": sha256(JCS(record)), "record": record}`. */
export interface EvidenceLine {
  hash: string;
  record: EvidenceRecord;
}

// INVARIANT: every line is exactly `{"hash":"<64 hex>","record":<JCS(record)>}`, itself RFC 8785,
// so the hashed bytes sit at fixed offsets and a verifier can check a record by hashing a slice.
/** Fixed layout of a line, for verifiers that hash slices instead of parsing JSON. */
export const LINE_LAYOUT = {
  hashPrefix: '{"hash":"',
  hashStart: 9,
  recordPrefix: '","record":{"chain":{"prev":"',
  recordStart: 84,
  prevStart: 102,
  seqPrefix: '","seq":',
  seqStart: 174,
} as const;

/** Builds the line for one input at position `seq` (1-based) after the record hashed `prev`. */
export function buildEvidenceLine(input: EvidenceInput, prev: string, seq: number): { line: string; hash: string } {
  const body = buildRecordText(input, prev, seq);
  const own = hash('sha256', body, 'hex');
  return { line: `{"hash":"${own}","record":${body}}`, hash: own };
}

/**
 * The RFC 8785 text of the record for one input (the `record` member of its line). Secrets are
 * redacted from the request and from the decision's strings first.
 */
export function buildRecordText(input: EvidenceInput, prev: string, seq: number): string {
  return buildRecord(input, prev, seq).text;
}

/** {@link buildRecordText}, with the decision as the record holds it (redacted). */
export function buildRecord(input: EvidenceInput, prev: string, seq: number): { text: string; decision: DecisionRecord } {
  // The decision repeats the request's target (and its reason quotes it): one secretlint scan of
  // the request serves both.
  const secrets = findRuleSecrets(input.request);
  const decision = redactSorted(input.decision, secrets);
  const identity = input.identity ? sortedCopy(input.identity) : undefined;
  const request = redactSorted(input.request, secrets);
  if (decision === undefined || request === undefined || (input.identity && identity === undefined)) {
    const record = recordOf(input, prev, seq, secrets);
    return { text: canonicalJson(record), decision: record.decision as DecisionRecord };
  }
  // INVARIANT: members inserted in RFC 8785 order, each value already sorted, so stringify is JCS.
  const text = JSON.stringify({
    chain: { prev, seq },
    decision,
    ...(identity ? { identity } : {}),
    ...(input.packDigest ? { pack_digest: input.packDigest } : {}),
    request,
    schema: EVIDENCE_RECORD_SCHEMA,
  });
  return { text, decision: decision as DecisionRecord };
}

function recordOf(input: EvidenceInput, prev: string, seq: number, secrets: readonly string[]): Record<string, unknown> {
  return {
    chain: { prev, seq },
    decision: redactRequest(input.decision, secrets),
    ...(input.identity ? { identity: input.identity } : {}),
    ...(input.packDigest ? { pack_digest: input.packDigest } : {}),
    request: redactRequest(input.request, secrets),
    schema: EVIDENCE_RECORD_SCHEMA,
  };
}

/** Parses one line (no verification); `undefined` when it is not a record line. */
export function parseEvidenceLine(line: string): EvidenceLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const candidate = value as Partial<EvidenceLine> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.hash !== 'string') return undefined;
  const record = candidate.record as Partial<EvidenceRecord> | undefined;
  if (typeof record !== 'object' || record === null || record.schema !== EVIDENCE_RECORD_SCHEMA) return undefined;
  if (typeof record.decision !== 'object' || record.decision === null) return undefined;
  return candidate as EvidenceLine;
}
