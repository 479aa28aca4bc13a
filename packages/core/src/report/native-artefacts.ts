// Each provider's own artefacts, from one gate result: GitHub workflow-command annotations, step
// summary and outputs; GitLab JUnit and Code Quality reports; Azure logging commands and the
// summary upload. Pure: the edge writes what this returns.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { ProviderId } from '../gate/providers.ts';
import type { GateResult } from '../gate/run.ts';
import { renderAzureCommands } from './azure-commands.ts';
import { GATE_REPORT_FILES } from './files.ts';
import { renderGitHubCommands } from './github-commands.ts';
import { renderCodeQuality, renderJUnit } from './gitlab-reports.ts';

/** One file an edge writes: whole, or appended to (a runner's summary and output files). */
export interface ArtefactFile {
  path: string;
  content: string;
  append?: boolean;
  /** What the file is for, for progress lines (`artifacts:reports:junit`). */
  purpose?: string;
}

export interface NativeArtefacts {
  /** Lines the runner reads from the job's standard output (workflow or logging commands). */
  stdout: string;
  files: ArtefactFile[];
}

export interface NativeArtefactsOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Where report files (JUnit, Code Quality) go. */
  reportsDir: string;
}

/** File names GitLab's `artifacts:reports:` entries point at. */
export const GITLAB_REPORT_FILES = { junit: 'cavra-junit.xml', codeQuality: 'gl-code-quality-report.json' } as const;

const ARTEFACTS: Readonly<Record<ProviderId, (result: GateResult, options: NativeArtefactsOptions) => NativeArtefacts>> = {
  local: () => ({ stdout: '', files: [] }),
  github: (result, { env }) => {
    const files: ArtefactFile[] = [];
    if (env.GITHUB_STEP_SUMMARY) files.push({ path: env.GITHUB_STEP_SUMMARY, content: result.report.summary, append: true, purpose: 'step summary' });
    if (env.GITHUB_OUTPUT) {
      const outputs = { conclusion: result.report.conclusion, evidence: result.evidenceDir, bundle: result.bundlePath };
      files.push({ path: env.GITHUB_OUTPUT, content: Object.entries(outputs).map(([name, value]) => githubOutput(name, value)).join(''), append: true, purpose: 'step outputs' });
    }
    return { stdout: renderGitHubCommands(result.report), files };
  },
  gitlab: (result, { reportsDir }) => {
    const summaryPath = resolve(result.evidenceDir, GATE_REPORT_FILES.markdown);
    return {
      stdout: '',
      files: [
        { path: join(reportsDir, GITLAB_REPORT_FILES.junit), content: renderJUnit(result.report, result.decisions), purpose: 'artifacts:reports:junit' },
        { path: join(reportsDir, GITLAB_REPORT_FILES.codeQuality), content: renderCodeQuality(result.decisions, summaryPath), purpose: 'artifacts:reports:codequality' },
      ],
    };
  },
  azure: (result) => ({ stdout: renderAzureCommands(result.report, resolve(result.evidenceDir, GATE_REPORT_FILES.markdown)), files: [] }),
};

/** The provider's native artefacts of a gate result. */
export function nativeArtefacts(provider: ProviderId, result: GateResult, options: NativeArtefactsOptions): NativeArtefacts {
  return ARTEFACTS[provider](result, options);
}

// `name=value`, or for a value with a line break the runner's multi-line form, with a delimiter
// that cannot occur in the value (its own digest).
function githubOutput(name: string, value: string): string {
  if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
  const delimiter = `cavra_${createHash('sha256').update(value).digest('hex').slice(0, 32)}`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}
