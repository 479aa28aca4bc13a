// The GitLab CI/CD component, run as GitLab would run it: gitlab-ci-local resolves
// `include: component:` from a temporary project whose `templates/gate.yml` is ours, interpolates
// the inputs, and runs the job in the shell executor with this checkout's CLI as the `cli` input.
// Needs rsync and gitlab-ci-local; vitest.config.ts leaves it out, saying so, when they are missing.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { startGitlabDouble, type GitlabWorld } from '../packages/gitlab/test/support/gitlab-api-double.ts';
import { assertGitlabCodeQuality, assertGitlabJUnit } from './support/gitlab-reports.ts';
import { CLI_BUNDLE, REPO_ROOT } from './support/paths.ts';

const TEMPLATE = join(REPO_ROOT, 'gitlab-templates', 'templates', 'gate.yml');
const GITLAB_CI_LOCAL = join(REPO_ROOT, 'node_modules', '.bin', 'gitlab-ci-local');
const SERVER = 'https://gitlab.example.com';

/** The component's declared inputs, from its `spec:` header. */
function specInputs(): Record<string, { type?: string; default?: unknown; options?: unknown[]; description?: string }> {
  const [header] = readFileSync(TEMPLATE, 'utf8').split(/^---$/m);
  return (parse(header!) as { spec: { inputs: Record<string, never> } }).spec.inputs;
}

interface Job {
  status: number | null;
  output: string;
  artifacts: string;
  dir: string;
}

const keys = await generateKeyPair('RS256');

/** A GitLab ID token for this project, as `id_tokens:` would issue (gitlab-ci-local does not). */
async function idToken(sha: string): Promise<string> {
  return new SignJWT({ namespace_id: '7', namespace_path: 'acme', project_id: '42', project_path: 'acme/app', user_id: '11', user_login: 'alice', pipeline_id: '1001', pipeline_source: 'merge_request_event', job_id: '2002', ref: 'main', ref_type: 'branch', ref_path: 'refs/heads/main', ref_protected: 'true', sha, runner_environment: 'self-hosted' })
    .setProtectedHeader({ alg: 'RS256', kid: 'gitlab-test', typ: 'JWT' })
    .setIssuer(SERVER)
    .setAudience('cavra')
    .setSubject('project_path:acme/app:ref_type:branch:ref:main')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(keys.privateKey);
}

/** Runs the component with `inputs` in a fresh project holding `files`. */
async function runComponent(inputs: Record<string, string | boolean>, files: Record<string, string>, variables: Record<string, string> = {}): Promise<Job> {
  const declared = Object.keys(specInputs());
  // gitlab-ci-local accepts input names the spec does not declare; GitLab rejects them.
  for (const name of Object.keys(inputs)) expect(declared, `input \`${name}\` is not declared in templates/gate.yml`).toContain(name);
  const dir = mkdtempSync(join(tmpdir(), 'cavra-gitlab-component-'));
  mkdirSync(join(dir, 'templates'));
  cpSync(TEMPLATE, join(dir, 'templates', 'gate.yml'));
  writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(keys.publicKey)), kid: 'gitlab-test', alg: 'RS256', use: 'sig' }] }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const include = { include: [{ component: '$CI_SERVER_FQDN/$CI_PROJECT_PATH/gate@$CI_COMMIT_SHA', inputs: { cli: `node ${CLI_BUNDLE}`, 'signing-key': '.cavra/keys/component-test.pem', jwks: 'jwks.json', ...inputs } }] };
  writeFileSync(join(dir, '.gitlab-ci.yml'), JSON.stringify(include, null, 2));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=agent@example.com', '-c', 'user.name=agent', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  // The component resolves only when the include's project path is the origin remote's.
  git('remote', 'add', 'origin', `${SERVER}/acme/app.git`);
  git('add', '-A');
  git('commit', '-qm', 'agent change');
  const sha = git('rev-parse', 'HEAD');
  const vars = { CAVRA_ID_TOKEN: await idToken(sha), GITLAB_CI: 'true', ...variables };
  const args = ['--shell-executor-no-image', '--force-shell-executor', '--no-color', ...Object.entries(vars).flatMap(([name, value]) => ['--variable', `${name}=${value}`])];
  // Asynchronously: a loopback API double in this process must keep answering while the job runs.
  const result = await new Promise<{ status: number | null; output: string }>((resolve) => {
    execFile(GITLAB_CI_LOCAL, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '', TF_BUILD: '' }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, output: `${stdout}${stderr}` });
    });
  });
  return { ...result, artifacts: join(dir, '.gitlab-ci-local', 'artifacts', 'cavra-gate'), dir };
}

const session = (...requests: object[]) => requests.map((request) => JSON.stringify(request)).join('\n');

describe('the component under gitlab-ci-local', () => {
  test('a clean change: the job passes, with a JUnit report without failures and the evidence kept', { timeout: 180_000 }, async () => {
    const job = await runComponent({ sessions: 'agent/*.jsonl' }, {
      'agent/one.jsonl': session({ action_type: 'execute_command', target: 'npm test' }),
      'agent/two.jsonl': session({ action_type: 'read_file', target: 'src/app.ts' }),
    });
    expect(job.status, job.output).toBe(0);
    expect(job.output).toContain('runner authenticated');
    expect(job.output).toMatch(/PASS\s+cavra-gate/);
    const junit = readFileSync(join(job.artifacts, 'cavra-junit.xml'), 'utf8');
    assertGitlabJUnit(junit);
    expect(junit).toMatch(/<testsuites name="cavra" tests="2" failures="0">/);
    expect(junit).not.toContain('<failure');
    expect(assertGitlabCodeQuality(readFileSync(join(job.artifacts, 'gl-code-quality-report.json'), 'utf8'))).toEqual([]);
    expect(existsSync(join(job.artifacts, 'cavra-evidence', 'bundle.sigstore.json'))).toBe(true);
    // The evidence artifact verifies on its own.
    const verify = spawnSync(process.execPath, [CLI_BUNDLE, 'verify', join(job.artifacts, 'cavra-evidence'), '--trusted-key', join(job.dir, '.cavra', 'keys', 'component-test.pub.pem')], { encoding: 'utf8' });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  });

  test('a blocked action: the job fails, with a JUnit failure and a Code Quality finding on that file', { timeout: 180_000 }, async () => {
    const job = await runComponent({ sessions: 'agent/session.jsonl', mode: 'enforce' }, {
      'agent/session.jsonl': session({ action_type: 'execute_command', target: 'npm test' }, { action_type: 'read_file', target: '.env' }),
    });
    expect(job.status, job.output).toBe(1);
    expect(job.output).toMatch(/FAIL\s+cavra-gate/);
    const junit = readFileSync(join(job.artifacts, 'cavra-junit.xml'), 'utf8');
    assertGitlabJUnit(junit);
    expect(junit).toMatch(/<testsuites name="cavra" tests="2" failures="1">/);
    expect(junit).toMatch(/<testcase classname="filesystem\.read\.block" name="read_file \.env"><failure type="block" /);
    const findings = assertGitlabCodeQuality(readFileSync(join(job.artifacts, 'gl-code-quality-report.json'), 'utf8'));
    expect(findings).toEqual([expect.objectContaining({ check_name: 'filesystem.read.block', severity: 'critical', location: { path: '.env', lines: { begin: 1 } } })]);
    // Kept although the job failed: `artifacts: when: always`.
    expect(existsSync(join(job.artifacts, 'cavra-evidence', 'evidence.jsonl'))).toBe(true);
  });

  test('the same blocked action in shadow mode: reported, the job passes', { timeout: 180_000 }, async () => {
    const job = await runComponent({ sessions: 'agent/session.jsonl', mode: 'shadow' }, { 'agent/session.jsonl': session({ action_type: 'read_file', target: '.env' }) });
    expect(job.status, job.output).toBe(0);
    const junit = readFileSync(join(job.artifacts, 'cavra-junit.xml'), 'utf8');
    assertGitlabJUnit(junit);
    expect(junit).toMatch(/failures="0"/);
    expect(assertGitlabCodeQuality(readFileSync(join(job.artifacts, 'gl-code-quality-report.json'), 'utf8'))).toHaveLength(1);
  });

  test('an unknown mode: the configuration is rejected with a clear message before anything runs', { timeout: 180_000 }, async () => {
    const job = await runComponent({ sessions: 'agent/session.jsonl', mode: 'audit' }, { 'agent/session.jsonl': session({ action_type: 'read_file', target: 'a.ts' }) });
    expect(job.status).not.toBe(0);
    expect(job.output).toContain('`mode` input: `audit` cannot be used because it is not in the list of allowed options');
    expect(existsSync(join(job.artifacts, 'cavra-junit.xml'))).toBe(false);
  });

  test('a missing pack: the job fails with a one-line error', { timeout: 180_000 }, async () => {
    const job = await runComponent({ sessions: 'agent/session.jsonl', packs: 'cavra-ci-baseline\nno-such-pack' }, { 'agent/session.jsonl': session({ action_type: 'read_file', target: 'a.ts' }) });
    expect(job.status).toBe(1);
    const errors = job.output.split('\n').filter((line) => line.includes('ERR_POLICY_PACK_NOT_FOUND'));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/cavra: unknown policy pack `no-such-pack` \(.*\) \[ERR_POLICY_PACK_NOT_FOUND\]$/);
    expect(job.output).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });

  test('a branch pipeline with no sessions: nothing to judge, the job fails asking for sessions', { timeout: 180_000 }, async () => {
    const job = await runComponent({}, {});
    expect(job.status, job.output).toBe(1);
    expect(job.output).toContain('gitlab: not a merge request pipeline: only the agent sessions were judged');
    expect(job.output).toMatch(/cavra: `--session` is missing: give at least one agent session file.*\[ERR_/);
  });

  test('a merge request pipeline: the changed files are judged, the note is kept and the evidence is linked', { timeout: 180_000 }, async () => {
    const head = 'c'.repeat(40);
    const world: GitlabWorld = {
      projectId: '42',
      mr: { iid: 7, sha: head, web_url: `${SERVER}/acme/app/-/merge_requests/7`, description: 'agent work', labels: [], author: { id: 90, username: 'duo-developer' }, target_branch: 'main', changes_count: '2', diff_refs: { base_sha: 'b'.repeat(40), head_sha: head, start_sha: 'b'.repeat(40) } },
      diffs: [
        { old_path: 'src/app.ts', new_path: 'src/app.ts', new_file: false, renamed_file: false, deleted_file: false },
        { old_path: '.github/workflows/ci.yml', new_path: '.github/workflows/ci.yml', new_file: true, renamed_file: false, deleted_file: false },
      ],
      commits: [],
      approvedBy: [],
      resetApprovalsOnPush: true,
      labelEvents: [],
      files: {},
      groups: {},
      notes: [],
      token: 'glpat-component-test',
      tokenUser: { id: 500, username: 'project_42_bot_0123abcd' },
    };
    const double = await startGitlabDouble(world);
    try {
      const job = await runComponent({ issuer: SERVER }, {}, {
        CI_SERVER_URL: double.url,
        CI_MERGE_REQUEST_IID: '7',
        CI_MERGE_REQUEST_PROJECT_ID: '42',
        CI_JOB_URL: `${SERVER}/acme/app/-/jobs/2002`,
        CAVRA_GITLAB_TOKEN: 'glpat-component-test',
      });
      expect(job.status, job.output).toBe(1);
      expect(job.output).toContain("judging the merge request's 2 changed files as write_file");
      const junit = readFileSync(join(job.artifacts, 'cavra-junit.xml'), 'utf8');
      assertGitlabJUnit(junit);
      expect(junit).toMatch(/name="write_file \.github\/workflows\/ci\.yml"><failure type="block"/);
      const findings = assertGitlabCodeQuality(readFileSync(join(job.artifacts, 'gl-code-quality-report.json'), 'utf8'));
      expect(findings.map((finding) => finding.location.path)).toEqual(['.github/workflows/ci.yml']);
      expect(JSON.parse(readFileSync(join(job.artifacts, 'cavra-annotations.json'), 'utf8'))).toEqual({
        cavra: [{ external_link: { label: 'CAVRA evidence (signed bundle and decision log)', url: `${SERVER}/acme/app/-/jobs/2002/artifacts/browse/cavra-evidence/` } }],
      });
      expect(world.notes).toHaveLength(1);
      expect(world.notes[0]!.body).toContain('## CAVRA: 1 blocked');
      expect(double.violations).toEqual([]);
      expect(double.requests.every((request) => request.authenticated)).toBe(true);
      expect(job.output).not.toContain('glpat-component-test');
    } finally {
      await double.close();
    }
  });
});
