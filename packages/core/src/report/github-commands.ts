import type { GateReport } from './gate-report.ts';

// GitHub Actions workflow commands (`::error file=…,title=…::message`). Targets and reasons are
// attacker-controlled: escaped as the runner's toolkit does, so a newline or `::` in a target can
// never start a command of its own.

const LEVEL = { failure: 'error', warning: 'warning', notice: 'notice' } as const;

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The annotations of a gate report as workflow commands, one a line. */
export function renderGitHubCommands(report: GateReport): string {
  return report.annotations
    .map((annotation) => {
      const properties = [...(annotation.path ? [`file=${escapeProperty(annotation.path)}`] : []), `title=${escapeProperty(annotation.title)}`].join(',');
      return `::${LEVEL[annotation.level]} ${properties}::${escapeData(annotation.message)}\n`;
    })
    .join('');
}
