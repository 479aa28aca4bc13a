// Who a GitLab account is: a person, a bot (access-token bots, service accounts) or an agent.

/** The subset of GitLab's user entity the API returns everywhere (`UserBasic`). */
export interface GitlabUser {
  id?: number;
  username: string;
  bot?: boolean;
}

// Project and group access tokens act as `project_<id>_bot_<hash>` / `group_<id>_bot_<hash>`;
// service accounts are `service_account_…` unless renamed (then only `bot: true` tells).
const BOT_USERNAME = /^(project|group)_\d+_bot(_[0-9a-f]+)?$|^service_account_/i;

/** Whether the user is a bot or service account, by GitLab's flag or its naming of token bots. */
export function isGitlabBot(user: GitlabUser): boolean {
  return user.bot === true || BOT_USERNAME.test(user.username);
}

// GitLab's private commit emails are `<id>-<username>@users.noreply.<host>`.
const NOREPLY = /^\d+-([^@]+)@users\.noreply\./i;

/** The names a commit's author is known by: the username behind a GitLab no-reply email, and the author name. */
export function commitAuthorNames(commit: { author_name?: string | null; author_email?: string | null; committer_name?: string | null; committer_email?: string | null }): string[] {
  const names: string[] = [];
  for (const [name, email] of [
    [commit.author_name, commit.author_email],
    [commit.committer_name, commit.committer_email],
  ] as const) {
    const username = email ? NOREPLY.exec(email)?.[1] : undefined;
    if (username) names.push(username);
    if (name) names.push(name);
  }
  return names;
}
