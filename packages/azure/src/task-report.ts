// Renders a gate result in the pipeline: the core's issues and summary upload (one renderer for
// every edge), output variables, the evidence as a run artifact, and the task result. Every line
// the task prints that can carry agent text is neutralised (`##vso[`, `##[`).
import { neutraliseLogCommands, type GateResult, type NativeArtefacts } from '@cavra/core';

/** The part of azure-pipelines-task-lib that reports. */
export interface TaskReporter {
  logIssue(type: 0 | 1, message: string, sourcePath?: string): void;
  uploadArtifact(containerFolder: string, path: string, name?: string): void;
  setVariable(name: string, value: string, secret?: boolean, isOutput?: boolean): void;
  setResult(result: 0 | 1 | 2, message: string): void;
}

/** `TaskResult` and `IssueType` values of azure-pipelines-task-lib. */
export const TASK_RESULT = { succeeded: 0, succeededWithIssues: 1, failed: 2 } as const;

export interface ReportOptions {
  /** The core's Azure artefacts: `##vso[task.logissue]` lines and the summary upload, already escaped. */
  native: NativeArtefacts;
  evidenceDir: string;
  artifactName?: string;
  /** Lines appended to the summary (where the evidence is, how to verify it). */
  notes: readonly string[];
  /** Warnings the run raised (a status that could not be posted, a run key); they make the result `SucceededWithIssues`. */
  warnings: readonly string[];
  log: (line: string) => void;
}

export function reportToPipeline(lib: TaskReporter, result: GateResult, options: ReportOptions): void {
  const { report } = result;
  for (const line of neutraliseLogCommands(`${report.summary}\n${options.notes.map((note) => `- ${note}`).join('\n')}`).split('\n')) options.log(line);
  // INVARIANT: the core escaped and neutralised every agent string in these commands.
  for (const line of options.native.stdout.split('\n')) if (line !== '') options.log(line);

  lib.setVariable('conclusion', report.conclusion, false, true);
  lib.setVariable('blocked', String(report.counts.block), false, true);
  // Approvals the core found satisfied no longer wait.
  const awaiting = report.approvals ? report.approvals.filter((outcome) => !outcome.satisfied).length : report.counts.require_approval;
  lib.setVariable('awaitingApproval', String(awaiting), false, true);
  lib.setVariable('evidenceDir', options.evidenceDir, false, true);
  lib.setVariable('bundle', result.bundlePath, false, true);
  if (result.receipt?.uri) lib.setVariable('evidenceUri', result.receipt.uri, false, true);
  if (options.artifactName) lib.uploadArtifact(options.artifactName, options.evidenceDir, options.artifactName);

  for (const warning of options.warnings) lib.logIssue(1, neutraliseLogCommands(warning));
  if (report.conclusion === 'failure') lib.setResult(TASK_RESULT.failed, report.title);
  // Findings that were only reported: shadow mode's holds, or `warn` decisions in either mode.
  else if (report.conclusion === 'neutral' || report.annotations.some((annotation) => annotation.level === 'warning') || options.warnings.length > 0) lib.setResult(TASK_RESULT.succeededWithIssues, report.title);
  else lib.setResult(TASK_RESULT.succeeded, report.title);
}
