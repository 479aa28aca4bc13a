// Renders a gate result in the pipeline: one issue per finding, the Markdown summary on the run's
// page, output variables, the evidence as a run artifact, and the task result. Every line that can
// carry agent text is neutralised; the task writes logging commands through task-lib only.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GateAnnotation, GateResult } from '@cavra/core';
import { neutraliseLoggingCommands } from './neutralise.ts';

/** The part of azure-pipelines-task-lib that reports. */
export interface TaskReporter {
  logIssue(type: 0 | 1, message: string, sourcePath?: string): void;
  uploadSummary(path: string): void;
  uploadArtifact(containerFolder: string, path: string, name?: string): void;
  setVariable(name: string, value: string, secret?: boolean, isOutput?: boolean): void;
  setResult(result: 0 | 1 | 2, message: string): void;
}

/** `TaskResult` and `IssueType` values of azure-pipelines-task-lib. */
export const TASK_RESULT = { succeeded: 0, succeededWithIssues: 1, failed: 2 } as const;
const ISSUE_TYPE = { failure: 0, warning: 1, notice: 1 } as const satisfies Record<GateAnnotation['level'], 0 | 1>;

/** Beyond this many findings, the log points to the summary and the evidence instead. */
export const MAX_ISSUES = 50;

export interface ReportOptions {
  /** Where the summary file is written before its upload. */
  summaryDir: string;
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
  const shown = report.annotations.slice(0, MAX_ISSUES);
  for (const annotation of shown) {
    lib.logIssue(ISSUE_TYPE[annotation.level], neutraliseLoggingCommands(`${annotation.title}: ${annotation.message}`), annotation.path ? neutraliseLoggingCommands(annotation.path) : undefined);
  }
  if (report.annotations.length > shown.length) lib.logIssue(1, `${report.annotations.length - shown.length} more findings are in the summary and the evidence`);

  const summary = neutraliseLoggingCommands(`${report.summary}\n${options.notes.map((note) => `- ${note}`).join('\n')}\n`);
  const summaryPath = join(options.summaryDir, 'cavra-gate.md');
  writeFileSync(summaryPath, summary);
  for (const line of summary.split('\n')) options.log(line);
  lib.uploadSummary(summaryPath);

  lib.setVariable('conclusion', report.conclusion, false, true);
  lib.setVariable('blocked', String(report.counts.block), false, true);
  lib.setVariable('awaitingApproval', String(report.counts.require_approval), false, true);
  lib.setVariable('evidenceDir', options.evidenceDir, false, true);
  lib.setVariable('bundle', result.bundlePath, false, true);
  if (result.receipt?.uri) lib.setVariable('evidenceUri', result.receipt.uri, false, true);
  if (options.artifactName) lib.uploadArtifact(options.artifactName, options.evidenceDir, options.artifactName);

  for (const warning of options.warnings) lib.logIssue(1, neutraliseLoggingCommands(warning));
  if (report.conclusion === 'failure') lib.setResult(TASK_RESULT.failed, report.title);
  // Findings that were only reported: shadow mode's holds, or `warn` decisions in either mode.
  else if (report.conclusion === 'neutral' || report.annotations.some((annotation) => annotation.level === 'warning') || options.warnings.length > 0) lib.setResult(TASK_RESULT.succeededWithIssues, report.title);
  else lib.setResult(TASK_RESULT.succeeded, report.title);
}
