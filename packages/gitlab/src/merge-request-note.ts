// The gate's summary as one merge request note, edited in place on every run. It needs a project
// or group access token: CI_JOB_TOKEN cannot post notes.
// https://docs.gitlab.com/api/notes/#merge-requests
import { describeFailure } from './failure.ts';
import { gitbeakerApi } from './gitlab-api.ts';
import { GITLAB_TOKEN_VARIABLE, readGitlabJob } from './job-context.ts';

/** Marks the gate's own note, so a rerun edits it rather than adding another. */
export const NOTE_MARKER = '<!-- cavra-gate -->';

// GitLab notes hold 1,000,000 characters; stay well inside it.
const MAX_NOTE = 100_000;

export type NoteOutcome = { posted: 'created' | 'updated'; noteId: number } | { posted: false; reason: string };

/** Creates or updates the gate's note on this job's merge request; never throws. */
export async function publishGitlabNote(env: Readonly<Record<string, string | undefined>>, summary: string): Promise<NoteOutcome> {
  const job = readGitlabJob(env);
  if (!job || job.mergeRequestIid === undefined) return { posted: false, reason: 'not a merge request pipeline' };
  if (!job.token) return { posted: false, reason: `no merge request note: set \`${GITLAB_TOKEN_VARIABLE}\` to a project access token with the \`api\` scope (CI_JOB_TOKEN cannot post notes)` };
  const api = gitbeakerApi({ serverUrl: job.serverUrl, token: job.token });
  const body = noteBody(summary);
  try {
    const me = await api.currentUser();
    // Only a note this token's user wrote is ours: anyone can paste the marker into a comment.
    const ours = (await api.notes(job.projectId, job.mergeRequestIid)).find((note) => !note.system && note.author.username === me.username && note.body.startsWith(NOTE_MARKER));
    if (ours) return { posted: 'updated', noteId: (await api.editNote(job.projectId, job.mergeRequestIid, ours.id, body)).id };
    return { posted: 'created', noteId: (await api.createNote(job.projectId, job.mergeRequestIid, body)).id };
  } catch (error) {
    return { posted: false, reason: `the merge request note could not be posted (${describeFailure(error)}); check that \`${GITLAB_TOKEN_VARIABLE}\` has the \`api\` scope and at least the Reporter role` };
  }
}

/** The note's Markdown: the marker, then the summary with no line that GitLab would run as a quick action. */
export function noteBody(summary: string): string {
  // attacker-controlled: targets and reasons come from the agent; a line starting with `/` would be
  // a quick action (`/approve`, `/merge`) run as the token's user.
  const safe = summary.replace(/^(\s*)\//gm, '$1\\/');
  const trimmed = safe.length > MAX_NOTE ? `${safe.slice(0, MAX_NOTE)}\n\n_(truncated: the full report is in the job's evidence artifact)_\n` : safe;
  return `${NOTE_MARKER}\n${trimmed}`;
}
