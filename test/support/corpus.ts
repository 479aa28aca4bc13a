import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DECISIONS, SEVERITIES } from '@cavra/core';

/** One table-driven decision case (fixtures/decisions/**, and upstream's case files). */
export interface DecisionCase {
  name: string;
  request: Record<string, unknown>;
  expected: {
    decision: string;
    rule_id: string;
    severity?: string;
    approver_group?: string | null;
    evidence_ref_prefix?: string;
  };
  /** A registry file: `upstream:<name>` for upstream's, else relative to fixtures/. */
  registry?: string;
  /** `upstream` to decide under upstream's own pack files laid out with --policy-dir. */
  policy?: 'builtin' | 'upstream';
  /** A pack file relative to fixtures/, or `upstream:<name>`, passed as `--pack`. */
  pack?: string;
}

export interface CorpusFile {
  file: string;
  cases: DecisionCase[];
}

const CASE_KEYS = new Set(['name', 'request', 'expected', 'registry', 'policy', 'pack']);
const EXPECTED_KEYS = new Set(['decision', 'rule_id', 'severity', 'approver_group', 'evidence_ref_prefix']);

/** Loads every case file below `dir`, validating the case schema first so a typo cannot pass silently. */
export function loadCorpus(dir: string, skip: (file: string) => boolean = () => false): CorpusFile[] {
  return walk(dir)
    .filter((file) => file.endsWith('.json') && !skip(file))
    .map((file) => ({ file: relative(dir, file), cases: validateCases(JSON.parse(readFileSync(file, 'utf8')), file) }));
}

export function validateCases(value: unknown, file: string): DecisionCase[] {
  if (!Array.isArray(value) || value.length === 0) throw new Error(`${file}: expected a non-empty array of cases`);
  const names = new Set<string>();
  return value.map((raw, index) => {
    const at = `${file}[${index}]`;
    if (typeof raw !== 'object' || raw === null) throw new Error(`${at}: expected an object`);
    for (const key of Object.keys(raw)) if (!CASE_KEYS.has(key)) throw new Error(`${at}: unknown key \`${key}\``);
    const item = raw as DecisionCase;
    if (typeof item.name !== 'string' || item.name === '') throw new Error(`${at}: missing name`);
    if (names.has(item.name)) throw new Error(`${at}: duplicate name \`${item.name}\``);
    names.add(item.name);
    if (typeof item.request !== 'object' || item.request === null) throw new Error(`${at}: missing request`);
    if (typeof item.expected !== 'object' || item.expected === null) throw new Error(`${at}: missing expected`);
    for (const key of Object.keys(item.expected)) if (!EXPECTED_KEYS.has(key)) throw new Error(`${at}: unknown expected key \`${key}\``);
    if (!(DECISIONS as readonly string[]).includes(item.expected.decision)) throw new Error(`${at}: bad expected decision`);
    if (typeof item.expected.rule_id !== 'string') throw new Error(`${at}: expected.rule_id is required`);
    if (item.expected.severity !== undefined && !(SEVERITIES as readonly string[]).includes(item.expected.severity)) throw new Error(`${at}: bad severity`);
    return item;
  });
}

/** The differences between a decision and what a case expects; empty when it matches. */
export function mismatches(decision: Record<string, unknown>, expected: DecisionCase['expected']): string[] {
  const problems: string[] = [];
  for (const field of ['decision', 'rule_id', 'severity', 'approver_group'] as const) {
    if (expected[field] !== undefined && decision[field] !== expected[field]) {
      problems.push(`${field}: got ${JSON.stringify(decision[field])}, expected ${JSON.stringify(expected[field])}`);
    }
  }
  if (expected.evidence_ref_prefix !== undefined) {
    const refs = decision.evidence_refs as string[] | undefined;
    if (!refs?.[0]?.startsWith(expected.evidence_ref_prefix)) problems.push(`evidence_refs[0] does not start with ${expected.evidence_ref_prefix}`);
    if (!String(decision.correlation_id).startsWith('corr_')) problems.push('correlation_id does not start with corr_');
    if (!/^dec_[0-9a-f]{12}$/.test(String(decision.decision_id))) problems.push('decision_id is not dec_ + 12 hex');
    if (!decision.timestamp) problems.push('timestamp is empty');
  }
  return problems;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
