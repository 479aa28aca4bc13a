// The files a pull request changes, as the `write_file` actions the gate judges. Paths come from
// the latest iteration compared with the merge base (`$compareTo=0`), so the whole change is
// judged, not only the last push.
import type { ActionRequest } from '@cavra/core';
import type { GitPullRequestChange } from 'azure-devops-node-api/interfaces/GitInterfaces.js';

/** Who the change's `write_file` actions are recorded as. */
export interface ChangeAuthor {
  pullRequestId: number;
  author: string;
}

// `VersionControlChangeType` flags (the client turns the REST strings, e.g. `"delete, sourceRename"`, into these).
const OPERATIONS: ReadonlyArray<readonly [number, string]> = [
  [16, 'delete'],
  [8, 'rename'],
  [1, 'add'],
  [2, 'edit'],
];

/** One `write_file` request per changed file; a rename also writes (removes) the old path. */
export function changedFileRequests(changes: readonly GitPullRequestChange[], who: ChangeAuthor): ActionRequest[] {
  const requests: ActionRequest[] = [];
  const seen = new Set<string>();
  const push = (path: string | undefined, operation: string) => {
    // attacker-controlled: the path is whatever the change named; it is judged as given.
    const target = (path ?? '').replace(/^\/+/, '');
    if (target === '' || seen.has(`${operation}\n${target}`)) return;
    seen.add(`${operation}\n${target}`);
    requests.push({
      session_id: `azure-pr-${who.pullRequestId}`,
      agent_id: 'pull-request',
      actor: who.author,
      action_type: 'write_file',
      target,
      operation,
      requested_operation: operation,
      source: 'azure-repos-pull-request',
    });
  };
  for (const change of changes) {
    const item = change.item as { path?: string; isFolder?: boolean; gitObjectType?: unknown } | undefined;
    if (!item || item.isFolder === true || item.gitObjectType === 2 /* tree */ || item.gitObjectType === 'tree') continue;
    const type = Number(change.changeType ?? 0);
    const operation = OPERATIONS.find(([flag]) => (type & flag) !== 0)?.[1] ?? 'edit';
    push(item.path, operation);
    const original = (change as { originalPath?: string; sourceServerItem?: string }).originalPath ?? (change as { sourceServerItem?: string }).sourceServerItem;
    if (operation === 'rename' && original && original !== item.path) push(original, 'delete');
  }
  return requests;
}
