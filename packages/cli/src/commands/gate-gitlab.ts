// The GitLab edge of `cavra gate --provider gitlab`: the merge request's changed files and review
// context before the run; the annotations report and the optional summary note after it.
// @cavra/gitlab (and @gitbeaker/rest) load only when the provider is gitlab.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GateInputs, GateResult } from '@cavra/core';

type Env = Readonly<Record<string, string | undefined>>;

/** Adds the merge request's changed files and review context to the inputs; says what it could not read. */
export async function withGitlabChange(inputs: GateInputs, env: Env, cwd: string, progress: (message: string) => void): Promise<GateInputs> {
  // `--provider gitlab` outside a GitLab job (a local try-out) has no merge request to read.
  if (env.GITLAB_CI !== 'true') return inputs;
  const { gitlabChange } = await import('@cavra/gitlab');
  const change = await gitlabChange(env, { cwd });
  for (const limitation of change.limitations) progress(`gitlab: ${limitation}`);
  // Nothing read (a branch pipeline): the sessions alone are judged, and without any the core
  // asks for them rather than sealing empty evidence.
  if (change.requests.length === 0 && !change.review) return inputs;
  if (change.requests.length > 0) progress(`gitlab: judging the merge request's ${change.requests.length} changed file${change.requests.length === 1 ? '' : 's'} as write_file`);
  return { ...inputs, requests: [...(inputs.requests ?? []), ...change.requests], ...(change.review ? { review: change.review } : {}), ...(change.approvers ? { approvers: change.approvers } : {}) };
}

/** Writes the annotations report (a link to the evidence) and keeps the summary note up to date. */
export async function reportToGitlab(result: GateResult, reportsDir: string, env: Env, progress: (message: string) => void): Promise<void> {
  const { GITLAB_ANNOTATIONS_FILE, publishGitlabNote, renderGitlabAnnotations } = await import('@cavra/gitlab');
  const annotations = join(reportsDir, GITLAB_ANNOTATIONS_FILE);
  await writeFile(annotations, renderGitlabAnnotations({ evidenceDir: result.evidenceDir, ...(env.CI_JOB_URL ? { jobUrl: env.CI_JOB_URL } : {}), ...(result.receipt?.uri ? { storedUrl: result.receipt.uri } : {}) }));
  progress(`wrote ${annotations} (artifacts:reports:annotations)`);
  const note = await publishGitlabNote(env, result.report.summary);
  progress(note.posted ? `gitlab: merge request note ${note.posted}` : `gitlab: ${note.reason}`);
}
