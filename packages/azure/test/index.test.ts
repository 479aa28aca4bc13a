// The public surface of @cavra/azure: every export is reachable and defined.
import { expect, test } from 'vitest';
import * as azure from '../src/index.ts';

test('the runtime exports are exactly the curated ones', () => {
  expect(Object.keys(azure).sort()).toEqual([
    'APPROVING_VOTES',
    'AZURE_OIDC_AUDIENCE',
    'AZURE_OIDC_ISSUER_BASE',
    'STATUS_CONTEXT',
    'TASK_RESULT',
    'approvalsFromVotes',
    'changedFileRequests',
    'errorStatus',
    'gateStatus',
    'isServiceIdentity',
    'openGitApi',
    'postPullRequestStatus',
    'prepareSigning',
    'pullRequestRefOf',
    'readApproversAtBase',
    'readPullRequest',
    'readRunContext',
    'readTaskInputs',
    'reportToPipeline',
    'runTask',
    'voteEventsOf',
  ]);
  for (const [name, value] of Object.entries(azure)) expect(value, name).toBeDefined();
  expect(azure.STATUS_CONTEXT).toEqual({ genre: 'cavra', name: 'gate' });
  expect(azure.AZURE_OIDC_AUDIENCE).toBe('api://AzureADTokenExchange');
});
