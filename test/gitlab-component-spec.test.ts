// The component's `spec:` and job, checked as GitLab's catalog rules and our contract require.
// gitlab-ci-local accepts input names a spec does not declare, so names are checked here, in the
// template, its README and the provider guide.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from './support/paths.ts';

const COMPONENT_DIR = join(REPO_ROOT, 'gitlab-templates');
const text = readFileSync(join(COMPONENT_DIR, 'templates', 'gate.yml'), 'utf8');
const [headerText, bodyText] = text.split(/^---$/m) as [string, string];
const inputs = (parse(headerText) as { spec: { inputs: Record<string, { type?: string; default?: unknown; options?: unknown[]; description?: string }> } }).spec.inputs;
const body = parse(bodyText.replace(/\$\[\[ inputs\.([\w-]+) \]\]/g, 'INPUT_$1')) as Record<string, Record<string, unknown>>;
const job = Object.values(body)[0]!;

test('every input is typed and described, and its default is one of its options', () => {
  expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['mode', 'sessions', 'packs', 'stage', 'cli']));
  for (const [name, input] of Object.entries(inputs)) {
    expect(['string', 'boolean', 'number', 'array'], name).toContain(input.type);
    expect(input.description?.length ?? 0, `${name} has a description`).toBeGreaterThan(20);
    expect(input, `${name} has a default (every input is optional)`).toHaveProperty('default');
    if (input.options) expect(input.options, name).toContain(input.default);
  }
  expect(inputs.mode).toMatchObject({ default: 'enforce', options: ['enforce', 'shadow'] });
});

test('every input used is declared, and every declared input is used', () => {
  const used = new Set([...bodyText.matchAll(/\$\[\[\s*inputs\.([\w-]+)\s*\]\]/g)].map((match) => match[1]));
  expect([...used].sort()).toEqual(Object.keys(inputs).sort());
});

test('one job and no global keywords', () => {
  expect(Object.keys(body)).toEqual(['INPUT_job-name']);
  for (const global of ['default', 'stages', 'workflow', 'variables', 'include', 'image', 'before_script', 'after_script']) expect(body).not.toHaveProperty(global);
});

test('the job is a required check: not optional, not manual, on a Node 24 image', () => {
  expect(job.allow_failure).toBe(false);
  expect(job).not.toHaveProperty('when');
  expect(inputs.image!.default).toMatch(/^node:24\b/);
});

test('ID tokens for Sigstore and for the gate itself', () => {
  expect(job.id_tokens).toEqual({ CAVRA_ID_TOKEN: { aud: 'INPUT_audience' }, SIGSTORE_ID_TOKEN: { aud: 'sigstore' } });
});

test('the job runs the `cli` input and nothing else', () => {
  const script = (job.script as string[]).join('\n').split('\n').map((line) => line.trim()).filter((line) => line !== '');
  expect(script.at(-1)).toBe('INPUT_cli "$@"');
  expect(script.slice(0, -1).join('\n')).toContain('set -- gate --provider gitlab --mode "$CAVRA_MODE"');
  // Only shell builtins build the arguments: no installs, downloads or other tools.
  for (const line of script.slice(0, -1)) expect(line, line).toMatch(/^(set -- |for \w+ in \$CAVRA_\w+; do set -- |if \[ |else$|fi$|--certificate-identity )/);
});

test('reports and evidence are kept when the job fails, and each report is also a plain artifact', () => {
  const artifacts = job.artifacts as { when: string; paths: string[]; reports: Record<string, string> };
  expect(artifacts.when).toBe('always');
  expect(artifacts.reports).toEqual({ junit: 'cavra-junit.xml', codequality: 'gl-code-quality-report.json', annotations: 'cavra-annotations.json' });
  for (const file of Object.values(artifacts.reports)) expect(artifacts.paths).toContain(file);
  expect(artifacts.paths).toContain('INPUT_evidence-dir/');
});

test('the default `cli` is the released CLI at the component version in the release notes', () => {
  const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  expect(inputs.cli!.default).toBe(`npx --yes cavra@${version}`);
  const changelog = readFileSync(join(COMPONENT_DIR, 'CHANGELOG.md'), 'utf8');
  expect(/^## (\d+\.\d+\.\d+)/m.exec(changelog)?.[1]).toBe(version);
});

test('the README documents every input, and the examples use declared inputs only', () => {
  const readme = readFileSync(join(COMPONENT_DIR, 'README.md'), 'utf8');
  expect(readme).toMatch(/^## Components$/m);
  expect(readme).toMatch(/^### `gate`$/m);
  for (const name of Object.keys(inputs)) expect(readme, name).toContain(`| \`${name}\` |`);
  const guide = readFileSync(join(REPO_ROOT, 'docs', 'providers', 'gitlab-ci.md'), 'utf8');
  for (const doc of [readme, guide]) {
    for (const block of doc.matchAll(/```yaml\n([\s\S]*?)```/g)) {
      const config = parse(block[1]!) as { include?: Array<{ component?: string; inputs?: Record<string, unknown> }> } | null;
      for (const include of config?.include ?? []) {
        if (!include.component?.includes('/gate@')) continue;
        for (const name of Object.keys(include.inputs ?? {})) expect(Object.keys(inputs), `example input \`${name}\``).toContain(name);
      }
    }
  }
});
