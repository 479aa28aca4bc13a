// The merge request's changed files, judged as `write_file` actions: whatever the agent wrote
// must pass the same policy as the agent's own session says it did.
import type { ActionRequest } from '@cavra/core';

/** One changed file as GitLab's `GET /projects/:id/merge_requests/:iid/diffs` lists it. */
export interface ChangedFile {
  old_path: string;
  new_path: string;
  new_file?: boolean;
  renamed_file?: boolean;
  deleted_file?: boolean;
}

export interface ChangeOrigin {
  /** `gitlab-mr-<iid>`. */
  sessionId: string;
  /** The merge request's author. */
  actor: string;
}

/** One `write_file` request per path the change touches; a rename is judged under both names. */
export function changedFileRequests(files: readonly ChangedFile[], origin: ChangeOrigin): ActionRequest[] {
  const requests: ActionRequest[] = [];
  const seen = new Set<string>();
  const add = (path: string, operation: string) => {
    if (path === '' || seen.has(path)) return;
    seen.add(path);
    requests.push({ session_id: origin.sessionId, agent_id: 'gitlab-merge-request', actor: origin.actor, action_type: 'write_file', target: path, operation, source: 'gitlab.merge_request.diffs' });
  };
  for (const file of files) {
    if (file.renamed_file && file.old_path !== file.new_path) {
      add(file.old_path, 'rename');
      add(file.new_path, 'rename');
    } else if (file.deleted_file) add(file.old_path, 'delete');
    else add(file.new_path, file.new_file ? 'create' : 'modify');
  }
  return requests;
}
