// Validators for GitLab's report artefacts: JUnit against test/support/junit-gitlab.xsd (libxml2),
// Code Quality against the fields GitLab documents
// (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { XmlDocument, XsdValidator } from 'libxml2-wasm';
import { REPO_ROOT } from './paths.ts';

/** Throws with libxml2's message when `xml` does not validate against the JUnit schema. */
export function assertGitlabJUnit(xml: string): void {
  const schema = XmlDocument.fromString(readFileSync(join(REPO_ROOT, 'test', 'support', 'junit-gitlab.xsd'), 'utf8'));
  const validator = XsdValidator.fromDoc(schema);
  const doc = XmlDocument.fromString(xml);
  try {
    validator.validate(doc);
  } finally {
    doc.dispose();
    validator.dispose();
    schema.dispose();
  }
}

const CODE_QUALITY_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path'],
        properties: {
          // Relative to the repository root; GitLab matches it against the diff.
          path: { type: 'string', minLength: 1, not: { pattern: '^/' } },
          lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } } },
          positions: { type: 'object', required: ['begin'] },
        },
        oneOf: [{ required: ['lines'] }, { required: ['positions'] }],
      },
    },
  },
} as const;

/** Throws when the Code Quality report lacks a documented field, or repeats a fingerprint. */
export function assertGitlabCodeQuality(json: string): Array<{ check_name: string; severity: string; fingerprint: string; description: string; location: { path: string; lines: { begin: number } } }> {
  const report = JSON.parse(json) as unknown;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(CODE_QUALITY_SCHEMA);
  if (!validate(report)) throw new Error(`code quality report: ${JSON.stringify(validate.errors)}`);
  const findings = report as ReturnType<typeof assertGitlabCodeQuality>;
  const fingerprints = findings.map((finding) => finding.fingerprint);
  if (new Set(fingerprints).size !== fingerprints.length) throw new Error('code quality report: fingerprints are not unique');
  return findings;
}
