// Shared pieces of the GitHub Action scenarios: one repository and pull request, the double
// around each run, and the agreement every run must show (exit code, check run, outputs and
// sealed evidence tell the same story, and `cavra verify` accepts the evidence).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startGitHubApiDouble, type GitHubApiDouble, type RepoFixture } from './github-api-double.ts';
import { gateActionMain, runGateAction, signingKeyPair, type ActionRun, type ActionRunOptions } from './github-action-runner.ts';
import { REPO_ROOT } from './paths.ts';

export const OWNER = 'acme';
export const REPO = 'shop';
export const HEAD = '1c0ffee'.padEnd(40, '1');
export const OLDER = '0dd0dd0'.padEnd(40, '0');
export const BASE = 'ba5e000'.padEnd(40, 'b');
export const TOKEN = 'ghs_testtoken000000000000000000000000';
const APPROVERS = 'approver_groups:\n  Platform Security:\n    users: [alice]\n    groups: [acme/security]\n';

export function fixture(pull: Partial<RepoFixture['pull']> = {}, extra: Partial<RepoFixture> = {}): RepoFixture {
  return {
    owner: OWNER,
    repo: REPO,
    token: TOKEN,
    contents: { [`${BASE}:.cavra/approvers.yml`]: APPROVERS },
    pull: { number: 7, headSha: HEAD, baseSha: BASE, author: { login: 'dave' }, files: [{ filename: 'src/app.ts' }, { filename: 'README.md', status: 'added' }], ...pull },
    ...extra,
  };
}

export function pullRequestEvent(fork = false) {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: { number: 7, head: { sha: HEAD, ref: 'feature', repo: { full_name: fork ? `someone/${REPO}` : `${OWNER}/${REPO}` } }, base: { sha: BASE, ref: 'main', repo: { full_name: `${OWNER}/${REPO}` } } },
    repository: { name: REPO, owner: { login: OWNER } },
  };
}

export interface SealedReport {
  conclusion: string;
  counts: Record<string, number>;
  approvals?: Array<{ satisfied: boolean; by?: string; reason: string; target: string }>;
  change?: { headSha: string; agentAuthors: string[] };
}

/** One double per run, and a signing key for the whole file. */
export class ActionHarness {
  double: GitHubApiDouble | undefined;
  readonly key = signingKeyPair(mkdtempSync(join(tmpdir(), 'cavra-action-key-')));

  constructor(private readonly host: ActionRunOptions['host'] = 'runner') {
    if (!existsSync(gateActionMain())) throw new Error(`the Action bundle ${gateActionMain()} is missing: run \`npm run build\` first`);
  }

  get api(): GitHubApiDouble {
    if (!this.double) throw new Error('no run yet');
    return this.double;
  }

  async gate(repo: RepoFixture, options: Partial<ActionRunOptions> = {}): Promise<ActionRun> {
    await this.close();
    this.double = await startGitHubApiDouble(repo);
    return runGateAction({
      apiUrl: this.double.url,
      token: TOKEN,
      eventName: 'pull_request',
      event: pullRequestEvent(repo.pull.fork),
      repository: `${OWNER}/${REPO}`,
      inputs: { 'signing-key': this.key.privatePem },
      host: this.host,
      ...options,
    });
  }

  async close(): Promise<void> {
    await this.double?.close();
    this.double = undefined;
  }

  /** Exit code, check run, outputs and sealed evidence agree, and the evidence verifies. */
  expectAgreement(run: ActionRun, conclusion: 'success' | 'failure' | 'neutral', options: { publicKeyFile?: string; checkRun?: boolean } = {}): SealedReport {
    expect(this.api.violations).toEqual([]);
    expect(run.code, run.stdout + run.stderr).toBe(conclusion === 'failure' ? 1 : 0);
    expect(run.outputs.conclusion).toBe(conclusion);
    if (options.checkRun ?? true) {
      expect(this.api.checkRuns).toHaveLength(1);
      expect(this.api.checkRuns[0]).toMatchObject({ name: 'CAVRA', head_sha: HEAD, status: 'completed', conclusion });
    }
    const evidence = run.outputs['evidence-dir']!;
    const report = JSON.parse(readFileSync(join(evidence, 'gate-report.json'), 'utf8')) as SealedReport;
    expect(report.conclusion).toBe(conclusion);
    expect(run.outputs.bundle).toBe(join(evidence, 'bundle.sigstore.json'));
    expect(run.outputs['bundle-digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
    const verify = spawnSync(process.execPath, [join(REPO_ROOT, 'packages/cli/src/main.ts'), 'verify', evidence, '--trusted-key', options.publicKeyFile ?? this.key.publicKeyFile], { encoding: 'utf8' });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(run.summary).toContain('CAVRA');
    return report;
  }
}
