// The pull-request calls run through azure-devops-node-api against a loopback double that
// answers only the documented routes at api-version 7.1 with the job's bearer token.
import { afterEach, describe, expect, test } from 'vitest';
import { openGitApi } from '../src/devops-connection.ts';
import { readPullRequest } from '../src/pull-request-context.ts';
import type { PullRequestRef } from '../src/pull-request-ref.ts';
import { gateStatus, postPullRequestStatus } from '../src/pull-request-status.ts';
import { startDevOpsDouble, type DevOpsDouble } from './support/devops-double.ts';
import { BASE, EARLIER, HEAD, pullRequestScenario } from './support/pull-request-scenario.ts';

let double: DevOpsDouble | undefined;
afterEach(async () => {
  await double?.close();
  double = undefined;
});

async function open(overrides = {}) {
  const scenario = pullRequestScenario(overrides);
  double = await startDevOpsDouble(scenario);
  const ref: PullRequestRef = { collectionUri: double.collectionUri, project: scenario.project, repositoryId: scenario.repositoryId, pullRequestId: scenario.pullRequestId };
  return { scenario, ref, git: await openGitApi(double.collectionUri, scenario.token) };
}

describe('reading a pull request', () => {
  test('the latest iteration, its changed files, reviewers, labels and commits become the review context', async () => {
    const { git, ref, scenario } = await open();
    const snapshot = await readPullRequest(git, ref);

    expect(snapshot.iterationId).toBe(2);
    expect(snapshot.changedFiles.map((request) => [request.target, request.operation])).toEqual([
      ['src/app.ts', 'edit'],
      ['docs/pipeline-notes.md', 'edit'],
      ['docs/new.md', 'rename'],
      ['docs/old.md', 'delete'],
      ['scripts/gone.sh', 'delete'],
    ]);
    expect(snapshot.changedFiles.every((request) => request.action_type === 'write_file' && request.actor === 'agent@fabrikam.example')).toBe(true);

    const review = snapshot.review;
    expect(review).toMatchObject({ provider: 'azure', changeId: '7', headSha: HEAD, baseSha: BASE, author: 'agent@fabrikam.example', authorIsBot: false, labels: ['agent'], body: 'Break-glass: none' });
    expect(review.url).toBe('https://dev.azure.com/fabrikam/Fabrikam/_git/app/pullrequest/7');
    expect(new Set(review.commitAuthors)).toEqual(new Set(['agent@fabrikam.example', 'dana@fabrikam.example']));
    // Alice approved after the latest push, for the security group; Bob's approval predates it;
    // Carol rejected (no approval); the build service is a bot with no vote record; the group
    // entry itself is not a person.
    expect(review.approvals).toEqual([
      { user: 'alice@fabrikam.example', commitSha: HEAD, isBot: false, groups: ['[Fabrikam]\\Security Reviewers'] },
      { user: 'bob@fabrikam.example', commitSha: EARLIER, isBot: false },
      { user: 'Build\\5d1a0000-0000-0000-0000-000000000000', commitSha: '', isBot: true },
    ]);
    expect(review.limitations?.some((line) => line.includes('Build\\5d1a'))).toBe(true);
    expect(scenario.changePages.length).toBe(2);
  });

  test('requests follow the documented routes, api-version 7.1 and the bearer token, after the location lookups', async () => {
    const { git, ref, scenario } = await open();
    await readPullRequest(git, ref);
    await postPullRequestStatus(git, ref, gateStatus({ conclusion: 'failure', title: 'CAVRA: 1 blocked, 0 awaiting approval' }, 'https://dev.azure.com/fabrikam/Fabrikam/_build/results?buildId=42', 2));

    const d = double!;
    expect(d.violations).toEqual([]);
    const seen = d.requests.map((request) => `${request.method} ${request.path.replace(scenario.project, '{project}').replace(scenario.repositoryId, '{repositoryId}')}`);
    expect(seen.slice(0, 3)).toEqual(['OPTIONS /fabrikam/_apis/Location', 'GET /fabrikam/_apis/ResourceAreas', 'OPTIONS /fabrikam/_apis/git']);
    const pr = '/fabrikam/{project}/_apis/git/repositories/{repositoryId}/pullRequests/7';
    expect(new Set(seen.slice(3))).toEqual(
      new Set([`GET ${pr}`, `GET ${pr}/iterations`, `GET ${pr}/iterations/2/changes`, `GET ${pr}/reviewers`, `GET ${pr}/labels`, `GET ${pr}/commits`, `GET ${pr}/threads`, `POST ${pr}/statuses`]),
    );
    const pages = d.requests.filter((request) => request.path.endsWith('/changes'));
    expect(pages.map((request) => request.query)).toEqual([
      { $top: '2000', $skip: '0', $compareTo: '0' },
      { $top: '2000', $skip: '2', $compareTo: '0' },
    ]);
    const post = d.requests.find((request) => request.method === 'POST')!;
    expect(post.body).toEqual({
      state: 3,
      description: 'CAVRA: 1 blocked, 0 awaiting approval',
      context: { genre: 'cavra', name: 'gate' },
      iterationId: 2,
      targetUrl: 'https://dev.azure.com/fabrikam/Fabrikam/_build/results?buildId=42',
    });
  });

  test('a refused call fails with a one-line message that names what could not be read, never the token', async () => {
    const { ref, scenario } = await open();
    const error = (await openGitApi(double!.collectionUri, 'not-the-job-token')
      .then((git) => readPullRequest(git, ref))
      .catch((caught: unknown) => caught)) as { code: string; message: string };
    expect(error.code).toBe('ERR_PROVIDER_API_FAILED');
    expect(error.message).toMatch(/^cannot reach the git service .*: http 401$/);
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain('not-the-job-token');
    expect(error.message).not.toContain(scenario.token);
  });

  test('a status post the service refuses surfaces as an error', async () => {
    const { git, ref } = await open({ statusPostStatus: 403 });
    await expect(postPullRequestStatus(git, ref, gateStatus({ conclusion: 'success', title: 'CAVRA: 5 agent actions allowed' }, undefined, 2))).rejects.toMatchObject({ statusCode: 403 });
  });
});
