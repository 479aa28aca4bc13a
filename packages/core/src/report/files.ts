/** File names of the report artefacts written into the evidence directory and sealed with it. */
export const GATE_REPORT_FILES = { json: 'gate-report.json', markdown: 'gate-report.md' } as const;
