// GitLab merge request approvals as the core's review approvals. GitLab does not say which commit
// an approval was given on; it is the current head only when the project resets approvals on
// every push ("Remove all approvals when commits are added to the source branch").
import type { ApproversFile, ReviewApproval } from '@cavra/core';
import { isGitlabBot, type GitlabUser } from './accounts.ts';
import { describeFailure } from './failure.ts';
import type { GitlabApi } from './gitlab-api.ts';

/** Stands for the commit of an approval GitLab may have carried over from an older head. */
export const UNKNOWN_APPROVAL_COMMIT = 'unknown-commit';

export interface ReadApprovalsInput {
  api: GitlabApi;
  project: string;
  iid: number;
  headSha: string;
  /** The approvers file from the target branch: its GitLab groups are the memberships looked up. */
  approvers: ApproversFile | undefined;
}

/** The merge request's approvals, each with the approver groups' GitLab groups the user belongs to. */
export async function readApprovals({ api, project, iid, headSha, approvers }: ReadApprovalsInput): Promise<{ approvals: ReviewApproval[]; limitations: string[] }> {
  const limitations: string[] = [];
  const users = await api.mergeRequestApprovers(project, iid);
  if (users.length === 0) return { approvals: [], limitations };

  let current = false;
  try {
    current = await api.resetsApprovalsOnPush(project);
    if (!current) limitations.push('approvals are kept when commits are pushed, so none can be tied to the head commit: turn on "Remove all approvals when commits are added to the source branch"');
  } catch (error) {
    limitations.push(`the project's approval settings could not be read (${describeFailure(error)}), so no approval is tied to the head commit`);
  }

  const groupPaths = [...new Set([...(approvers?.groups.values() ?? [])].flatMap((group) => group.groups))];
  const readable = await readableGroups(api, groupPaths, limitations);
  const approvals: ReviewApproval[] = [];
  for (const user of users) {
    const groups = await membershipOf(api, user, groupPaths, readable, limitations);
    approvals.push({
      user: user.username,
      commitSha: current ? headSha : UNKNOWN_APPROVAL_COMMIT,
      isBot: isGitlabBot(user),
      state: 'approved',
      ...(groups ? { groups } : {}),
    });
  }
  return { approvals, limitations };
}

async function readableGroups(api: GitlabApi, paths: readonly string[], limitations: string[]): Promise<Set<string>> {
  const readable = new Set<string>();
  for (const path of paths) {
    try {
      if (await api.groupReadable(path)) readable.add(path);
      else limitations.push(`GitLab group \`${path}\` from the approvers file does not exist or this token cannot read it, so its members cannot approve`);
    } catch (error) {
      limitations.push(`GitLab group \`${path}\` could not be read (${describeFailure(error)})`);
    }
  }
  return readable;
}

// undefined: membership could not be read, which the core reports instead of treating it as "not a member".
async function membershipOf(api: GitlabApi, user: GitlabUser, paths: readonly string[], readable: ReadonlySet<string>, limitations: string[]): Promise<string[] | undefined> {
  if (paths.length === 0) return [];
  if (user.id === undefined || readable.size < paths.length) return undefined;
  const groups: string[] = [];
  try {
    for (const path of paths) if (await api.isGroupMember(path, user.id)) groups.push(path);
  } catch (error) {
    limitations.push(`the group membership of @${user.username} could not be read (${describeFailure(error)})`);
    return undefined;
  }
  return groups;
}
