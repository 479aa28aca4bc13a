// The GitLab CI/CD component's edge: the merge request under review, its approvals and the note,
// over @cavra/core. The CLI imports it lazily when `--provider gitlab`.
export { GITLAB_ANNOTATIONS_FILE, renderGitlabAnnotations } from './annotations.ts';
export type { EvidenceLinks } from './annotations.ts';
export { UNKNOWN_APPROVAL_COMMIT } from './approvals.ts';
export { gitlabChange } from './gitlab-change.ts';
export type { GitlabChange, GitlabChangeOptions } from './gitlab-change.ts';
export { GITLAB_TOKEN_VARIABLE, readGitlabJob } from './job-context.ts';
export type { GitlabJob } from './job-context.ts';
export { NOTE_MARKER, noteBody, publishGitlabNote } from './merge-request-note.ts';
export type { NoteOutcome } from './merge-request-note.ts';
