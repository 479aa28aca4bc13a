// Who counts as a bot, what a commit's author is called, and the evidence link: each next to
// look-alikes that must not be mistaken for it.
import { expect, test } from 'vitest';
import { renderGitlabAnnotations } from '../src/index.ts';
import { commitAuthorNames, isGitlabBot } from '../src/accounts.ts';

test.for([
  [{ username: 'project_42_bot_0123abcd' }, true],
  [{ username: 'group_7_bot_ffee' }, true],
  [{ username: 'service_account_group_7_abc' }, true],
  [{ username: 'renamed-service-account', bot: true }, true],
  [{ username: 'my_project_42_bot_x' }, false],
  [{ username: 'project_bot' }, false],
  [{ username: 'alice' }, false],
  [{ username: 'alice', bot: false }, false],
] as const)('isGitlabBot(%j) is %s', ([user, expected]) => {
  expect(isGitlabBot(user)).toBe(expected);
});

test('commit authors: the username behind a GitLab no-reply email, then the names', () => {
  expect(commitAuthorNames({ author_name: 'Duo Developer', author_email: '90-duo-developer@users.noreply.gitlab.com', committer_name: 'Alice', committer_email: 'alice@example.com' })).toEqual(['duo-developer', 'Duo Developer', 'Alice']);
  // A look-alike address on another domain names no GitLab user.
  expect(commitAuthorNames({ author_name: 'x', author_email: '90-duo-developer@users.example.com' })).toEqual(['x']);
});

test('the annotation links to the evidence in the job artifacts, path-encoded', () => {
  const report = JSON.parse(renderGitlabAnnotations({ jobUrl: 'https://gitlab.example.com/acme/app/-/jobs/9/', evidenceDir: './runs/a b#?/' })) as { cavra: Array<{ external_link: { url: string } }> };
  expect(report.cavra.map((item) => item.external_link.url)).toEqual(['https://gitlab.example.com/acme/app/-/jobs/9/artifacts/browse/runs/a%20b%23%3F/']);
  // Only web URLs become links; an s3:// receipt is not one, and no job URL means no link.
  expect(JSON.parse(renderGitlabAnnotations({ evidenceDir: 'e', storedUrl: 's3://bucket/x' }))).toEqual({ cavra: [] });
  expect(JSON.parse(renderGitlabAnnotations({ evidenceDir: 'e', storedUrl: 'javascript:alert(1)' }))).toEqual({ cavra: [] });
});
