import type { DecisionValue } from '../decision/types.ts';
import { canonicalJson } from '../evidence/canonical.ts';

/** DSSE payload type of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** in-toto Statement v1 type. */
export const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';

/** Our predicate type: a sealed CAVRA evidence log (documented in docs/evidence.md). */
export const EVIDENCE_PREDICATE_TYPE = 'https://cavra.dev/evidence-log/v1';

/** One in-toto subject. */
export interface StatementSubject {
  name: string;
  digest: { sha256: string };
}

/** The predicate of a sealed evidence log. */
export interface EvidencePredicate {
  /** C2SP checkpoint body (origin, size, base64 root, timestamp). */
  checkpoint: string;
  origin: string;
  tree_size: number;
  /** RFC 6962 root, lowercase hex. */
  root_hash: string;
  /** Stored hash of the last record. */
  chain_head: string;
  /** When the log was sealed (RFC 3339); key windows are checked against it. */
  sealed_at: string;
  /** The run that produced the log (runner identity claims), or null when unknown. */
  run: Record<string, unknown> | null;
  /** Distinct pack digests of the records, sorted. */
  policy_digests: string[];
  decision_counts: Partial<Record<DecisionValue, number>>;
}

/** An in-toto Statement v1 over the evidence log and the run's artefacts. */
export interface EvidenceStatement {
  _type: typeof IN_TOTO_STATEMENT_TYPE;
  subject: StatementSubject[];
  predicateType: typeof EVIDENCE_PREDICATE_TYPE;
  predicate: EvidencePredicate;
}

/** Builds the statement and its RFC 8785 bytes. */
export function buildEvidenceStatement(subjects: StatementSubject[], predicate: EvidencePredicate): { statement: EvidenceStatement; bytes: Buffer } {
  const statement: EvidenceStatement = { _type: IN_TOTO_STATEMENT_TYPE, subject: subjects, predicateType: EVIDENCE_PREDICATE_TYPE, predicate };
  return { statement, bytes: Buffer.from(canonicalJson(statement), 'utf8') };
}
