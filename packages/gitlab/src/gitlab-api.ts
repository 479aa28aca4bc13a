// The few GitLab REST calls the gate makes, through @gitbeaker/rest. Responses stay in GitLab's
// own snake_case (no camelize), so fields read as the API documents them.
// https://docs.gitlab.com/api/merge_requests/ , /api/merge_request_approvals/ , /api/notes/
import { Gitlab } from '@gitbeaker/rest';
import type { ChangedFile } from './changed-files.ts';
import type { GitlabUser } from './accounts.ts';

export interface MergeRequestView {
  iid: number;
  sha: string;
  web_url?: string;
  description?: string | null;
  labels: readonly string[];
  author: GitlabUser;
  target_branch: string;
  /** A count, or `"1000+"` when GitLab stopped counting. */
  changes_count?: string | null;
  diff_refs?: { base_sha: string; head_sha: string; start_sha: string } | null;
}

export interface CommitView {
  id: string;
  author_name?: string | null;
  author_email?: string | null;
  committer_name?: string | null;
  committer_email?: string | null;
}

export interface LabelEventView {
  action: 'add' | 'remove';
  label: { name: string } | null;
  user: GitlabUser | null;
  created_at: string;
}

export interface NoteView {
  id: number;
  body: string;
  author: GitlabUser;
  system: boolean;
}

/** The calls the gate makes; one method per documented endpoint. */
export interface GitlabApi {
  mergeRequest(project: string, iid: number): Promise<MergeRequestView>;
  mergeRequestDiffs(project: string, iid: number): Promise<ChangedFile[]>;
  mergeRequestCommits(project: string, iid: number): Promise<CommitView[]>;
  /** `GET /projects/:id/merge_requests/:iid/approvals`: who approved. */
  mergeRequestApprovers(project: string, iid: number): Promise<GitlabUser[]>;
  /** `GET /projects/:id/approvals`: whether approvals are reset when commits are pushed. */
  resetsApprovalsOnPush(project: string): Promise<boolean>;
  labelEvents(project: string, iid: number): Promise<LabelEventView[]>;
  /** The raw file at `ref`, or undefined when it does not exist there. */
  rawFile(project: string, path: string, ref: string): Promise<string | undefined>;
  /** Whether the group exists and can be read with this token. */
  groupReadable(group: string): Promise<boolean>;
  /** Whether the user is a member of the group, directly or through an ancestor. */
  isGroupMember(group: string, userId: number): Promise<boolean>;
  currentUser(): Promise<GitlabUser>;
  notes(project: string, iid: number): Promise<NoteView[]>;
  createNote(project: string, iid: number, body: string): Promise<NoteView>;
  editNote(project: string, iid: number, noteId: number, body: string): Promise<NoteView>;
}

export interface GitlabApiOptions {
  /** The instance URL (`CI_SERVER_URL`); the API is `<url>/api/v4`. */
  serverUrl: string;
  /** A project, group or personal access token; without it requests are anonymous. */
  token?: string;
  /** Per request; default 30 s. */
  timeoutMs?: number;
}

/** The HTTP status of a failed GitLab request, when there was a response. */
export function statusOf(error: unknown): number | undefined {
  const response = (error as { cause?: { response?: { status?: unknown } } } | undefined)?.cause?.response;
  return typeof response?.status === 'number' ? response.status : undefined;
}

async function orUndefinedOn404<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** A `GitlabApi` over @gitbeaker/rest. */
export function gitbeakerApi(options: GitlabApiOptions): GitlabApi {
  const api = new Gitlab({
    host: options.serverUrl.replace(/\/+$/, ''),
    queryTimeout: options.timeoutMs ?? 30_000,
    ...(options.token ? { token: options.token } : {}),
  } as ConstructorParameters<typeof Gitlab>[0]);
  const all = { perPage: 100 } as const;
  return {
    mergeRequest: async (project, iid) => (await api.MergeRequests.show(project, iid)) as unknown as MergeRequestView,
    mergeRequestDiffs: async (project, iid) => (await api.MergeRequests.allDiffs(project, iid, all)) as unknown as ChangedFile[],
    mergeRequestCommits: async (project, iid) => (await api.MergeRequests.allCommits(project, iid, all)) as unknown as CommitView[],
    mergeRequestApprovers: async (project, iid) => {
      const state = (await api.MergeRequestApprovals.showConfiguration(project, { mergerequestIId: iid })) as unknown as { approved_by?: { user: GitlabUser }[] };
      return (state.approved_by ?? []).map((entry) => entry.user);
    },
    resetsApprovalsOnPush: async (project) => (await api.MergeRequestApprovals.showConfiguration(project)).reset_approvals_on_push === true,
    labelEvents: async (project, iid) => (await api.MergeRequestLabelEvents.all(project, iid, all)) as unknown as LabelEventView[],
    rawFile: async (project, path, ref) => {
      const body = await orUndefinedOn404(api.RepositoryFiles.showRaw(project, path, ref));
      if (body === undefined) return undefined;
      return typeof body === 'string' ? body : await (body as Blob).text();
    },
    groupReadable: async (group) => (await orUndefinedOn404(api.Groups.show(group))) !== undefined,
    isGroupMember: async (group, userId) => {
      const member = await orUndefinedOn404(api.GroupMembers.show(group, userId, { includeInherited: true }));
      return member !== undefined && (member as { state?: string }).state !== 'blocked';
    },
    currentUser: async () => (await api.Users.showCurrentUser()) as unknown as GitlabUser,
    notes: async (project, iid) => (await api.MergeRequestNotes.all(project, iid, { ...all, sort: 'asc', orderBy: 'created_at' })) as unknown as NoteView[],
    createNote: async (project, iid, body) => (await api.MergeRequestNotes.create(project, iid, body)) as unknown as NoteView,
    editNote: async (project, iid, noteId, body) => (await api.MergeRequestNotes.edit(project, iid, noteId, { body })) as unknown as NoteView,
  };
}
