import { neutraliseLogCommands } from './display-text.ts';
import type { GateReport } from './gate-report.ts';

// Azure Pipelines logging commands (`##vso[task.logissue type=error;sourcepath=…]message`).
// Targets and reasons are attacker-controlled: escaped as azure-pipelines-task-lib does, so a
// newline or `]` cannot end the command early or start another.

const TYPE = { failure: 'error', warning: 'warning', notice: 'warning' } as const;

function escapeData(text: string): string {
  return neutraliseLogCommands(text.replace(/%/g, '%AZP25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/;/g, '%3B').replace(/\]/g, '%5D');
}

/** The annotations of a gate report as logging commands, plus the Markdown summary upload. */
export function renderAzureCommands(report: GateReport, summaryPath: string): string {
  const issues = report.annotations.map((annotation) => {
    const properties = [`type=${TYPE[annotation.level]}`, ...(annotation.path ? [`sourcepath=${escapeProperty(annotation.path)}`] : []), `code=${escapeProperty(annotation.title)}`].join(';');
    return `##vso[task.logissue ${properties}]${escapeData(annotation.message)}\n`;
  });
  return `${issues.join('')}##vso[task.uploadsummary]${escapeData(summaryPath)}\n`;
}
