// The summary note: created once, then edited in place; never someone else's note; no quick
// actions smuggled in through an agent's target; without a token, a plain reason and no call.
import { afterEach, expect, test } from 'vitest';
import { NOTE_MARKER, noteBody, publishGitlabNote } from '../src/index.ts';
import { startGitlabDouble, type GitlabDouble, type GitlabWorld } from './support/gitlab-api-double.ts';

const TOKEN = 'glpat-note-test-token';
const BOT = { id: 500, username: 'project_42_bot_0123abcd' };

function world(notes: GitlabWorld['notes'] = []): GitlabWorld {
  return {
    projectId: '42',
    mr: { iid: 7 },
    diffs: [],
    commits: [],
    approvedBy: [],
    resetApprovalsOnPush: true,
    labelEvents: [],
    files: {},
    groups: {},
    notes,
    token: TOKEN,
    tokenUser: BOT,
  };
}

const doubles: GitlabDouble[] = [];
afterEach(async () => {
  for (const double of doubles.splice(0)) {
    expect(double.violations).toEqual([]);
    await double.close();
  }
});

function env(double: GitlabDouble, token: string | null = TOKEN) {
  return { GITLAB_CI: 'true', CI_SERVER_URL: double.url, CI_PROJECT_ID: '42', CI_MERGE_REQUEST_PROJECT_ID: '42', CI_MERGE_REQUEST_IID: '7', CI_COMMIT_SHA: 'a'.repeat(40), CAVRA_GITLAB_TOKEN: token ?? undefined };
}

test('the first run creates the note, a rerun edits the same note', async () => {
  const state = world();
  const double = await startGitlabDouble(state);
  doubles.push(double);
  const first = await publishGitlabNote(env(double), '## CAVRA: 1 blocked\n');
  expect(first).toMatchObject({ posted: 'created' });
  const second = await publishGitlabNote(env(double), '## CAVRA: 2 agent actions allowed\n');
  expect(second).toEqual({ posted: 'updated', noteId: (first as { noteId: number }).noteId });
  expect(state.notes).toHaveLength(1);
  expect(state.notes[0]!.body).toBe(`${NOTE_MARKER}\n## CAVRA: 2 agent actions allowed\n`);
  expect(double.requests.filter((request) => request.method !== 'GET').map((request) => [request.route, Object.keys(request.body!)])).toEqual([
    ['create-note', ['body']],
    ['edit-note', ['body']],
  ]);
});

test("a comment carrying the marker by someone else is not taken over", async () => {
  const forged = { id: 1, body: `${NOTE_MARKER}\nall clear`, author: { id: 66, username: 'mallory' }, system: false };
  const state = world([forged]);
  const double = await startGitlabDouble(state);
  doubles.push(double);
  expect(await publishGitlabNote(env(double), 'summary\n')).toMatchObject({ posted: 'created' });
  expect(state.notes.map((note) => note.author.username)).toEqual(['mallory', BOT.username]);
  expect(forged.body).toBe(`${NOTE_MARKER}\nall clear`);
});

test('an agent-written line cannot become a quick action', () => {
  const body = noteBody('| x |\n/approve\n  /merge\npath/with/slash stays\n');
  expect(body.split('\n').filter((line) => /^\s*\//.test(line))).toEqual([]);
  expect(body).toContain('\\/approve');
  expect(body).toContain('path/with/slash stays');
});

test('without a token: no request, and the reason says what to set', async () => {
  const double = await startGitlabDouble(world());
  doubles.push(double);
  const outcome = await publishGitlabNote(env(double, null), 'summary\n');
  expect(outcome).toEqual({ posted: false, reason: expect.stringContaining('CAVRA_GITLAB_TOKEN') });
  expect(double.requests).toEqual([]);
});

test('a rejected token: the reason names the status, never the token', async () => {
  const state = world();
  const double = await startGitlabDouble({ ...state, token: 'another-token' });
  doubles.push(double);
  const outcome = await publishGitlabNote(env(double), 'summary\n');
  expect(outcome).toEqual({ posted: false, reason: expect.stringContaining('401 unauthorized') });
  expect(JSON.stringify(outcome)).not.toContain(TOKEN);
});
