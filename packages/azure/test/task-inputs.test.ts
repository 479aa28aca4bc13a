// The task's inputs and the run's variables, read once into typed values; wrong values fail
// before anything touches Azure DevOps.
import { expect, test } from 'vitest';
import { pullRequestRefOf } from '../src/pull-request-ref.ts';
import { readTaskInputs, type TaskInputReader } from '../src/task-inputs.ts';

const reader = (inputs: Record<string, string>): TaskInputReader => ({
  getInput: (name) => inputs[name],
  getVariable: () => undefined,
  getEndpointAuthorizationParameter: () => undefined,
});

test('defaults: enforce, changed files and status on, the default approvers file, a run key', () => {
  expect(readTaskInputs(reader({}))).toEqual({
    mode: 'enforce',
    sessions: [],
    packs: [],
    policyDirs: [],
    changedFiles: true,
    postStatus: true,
    approversPath: '.cavra/approvers.yml',
    signing: { kind: 'key' },
    publishEvidence: true,
    artifactName: 'cavra-evidence',
    verifyRunner: false,
  });
});

test('multi-line inputs drop blank lines and comments', () => {
  expect(readTaskInputs(reader({ sessions: 'a.jsonl\n\n  # later\r\nlogs/*.jsonl  \n', packs: 'cavra-ci-baseline' }))).toMatchObject({ sessions: ['a.jsonl', 'logs/*.jsonl'], packs: ['cavra-ci-baseline'] });
});

test.for([
  [{ mode: 'Enforce' }, /`mode` input must be one of enforce, shadow, got `Enforce`/],
  [{ changedFiles: 'yes' }, /`changedFiles` input must be true or false, got `yes`/],
  [{ signing: 'sigstore' }, /`signing` input must be key or keyless, got `sigstore`/],
] as const)('%o is refused with a one-line usage error', ([inputs, message]) => {
  expect(() => readTaskInputs(reader(inputs))).toThrow(expect.objectContaining({ code: 'ERR_USAGE', message: expect.stringMatching(message) }));
});

const variables = (values: Record<string, string>) => (name: string) => values[name];
const PR = { 'System.PullRequest.PullRequestId': '7', 'System.CollectionUri': 'https://dev.azure.com/fabrikam/', 'System.TeamProjectId': 'p1', 'Build.Repository.ID': 'r1', 'Build.Repository.Provider': 'TfsGit' };

test('a pull request in Azure Repos is located from the predefined variables; outside a pull request there is none', () => {
  expect(pullRequestRefOf(variables(PR))).toEqual({ collectionUri: 'https://dev.azure.com/fabrikam/', project: 'p1', repositoryId: 'r1', pullRequestId: 7 });
  expect(pullRequestRefOf(variables({ ...PR, 'System.PullRequest.PullRequestId': '' }))).toBeUndefined();
});

test.for([
  ['a GitHub repository built by Azure Pipelines', { 'Build.Repository.Provider': 'GitHub' }, /`GitHub` repository/],
  ['a pull request id that is not a number', { 'System.PullRequest.PullRequestId': '7;rm -rf' }, /not a pull request id/],
  ['a run that does not name the repository', { 'Build.Repository.ID': '' }, /does not say which repository/],
] as const)('%s is refused, not skipped', ([, overrides, message]) => {
  expect(() => pullRequestRefOf(variables({ ...PR, ...overrides }))).toThrow(message);
});
