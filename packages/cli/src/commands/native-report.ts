import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GATE_REPORT_FILES, renderAzureCommands, renderCodeQuality, renderGitHubCommands, renderJUnit, type GateResult } from '@cavra/core';

/** The providers `cavra gate --provider` names; `auto` picks one from the environment. */
export const PROVIDERS = ['auto', 'local', 'github', 'gitlab', 'azure'] as const;

export type Provider = Exclude<(typeof PROVIDERS)[number], 'auto'>;

export function resolveProvider(requested: (typeof PROVIDERS)[number], env: NodeJS.ProcessEnv): Provider {
  if (requested !== 'auto') return requested;
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.GITLAB_CI === 'true') return 'gitlab';
  if (env.TF_BUILD?.toLowerCase() === 'true') return 'azure';
  return 'local';
}

export interface NativeOptions {
  evidenceDir: string;
  reportsDir: string;
  json: boolean;
  env: NodeJS.ProcessEnv;
}

// Each provider's own artefacts, from the same report: GitHub workflow-command annotations, step
// summary and outputs; GitLab JUnit and Code Quality reports; Azure logging commands and summary.
export async function reportNatively(provider: Provider, result: GateResult, options: NativeOptions): Promise<{ stdout: string; note?: string }> {
  const { report, decisions } = result;
  const summaryPath = resolve(options.evidenceDir, GATE_REPORT_FILES.markdown);
  switch (provider) {
    case 'github': {
      if (options.env.GITHUB_STEP_SUMMARY) await appendFile(options.env.GITHUB_STEP_SUMMARY, report.summary);
      if (options.env.GITHUB_OUTPUT) await appendFile(options.env.GITHUB_OUTPUT, `conclusion=${report.conclusion}\nevidence=${options.evidenceDir}\nbundle=${result.bundlePath}\n`);
      // Workflow commands would corrupt `--json` output; the summary and outputs still carry the result.
      return { stdout: options.json ? '' : renderGitHubCommands(report) };
    }
    case 'gitlab': {
      await mkdir(options.reportsDir, { recursive: true });
      const junit = join(options.reportsDir, GITLAB_REPORT_FILES.junit);
      const quality = join(options.reportsDir, GITLAB_REPORT_FILES.codeQuality);
      await writeFile(junit, renderJUnit(report, decisions));
      await writeFile(quality, renderCodeQuality(decisions, summaryPath));
      return { stdout: '', note: `wrote ${junit} (artifacts:reports:junit) and ${quality} (artifacts:reports:codequality)` };
    }
    case 'azure':
      return { stdout: options.json ? '' : renderAzureCommands(report, summaryPath) };
    case 'local':
      return { stdout: '' };
  }
}

const GITLAB_REPORT_FILES = { junit: 'cavra-junit.xml', codeQuality: 'gl-code-quality-report.json' } as const;
