import { CavraError } from '@cavra/core';
import { WebApi, getBearerHandler } from 'azure-devops-node-api';
import type { IGitApi } from 'azure-devops-node-api/GitApi.js';

const USER_AGENT = { productName: 'cavra-azure-task', productVersion: '1.0.0', userAgent: 'cavra-azure-task/1.0.0 (azure-devops-node-api)' };

/**
 * The Git REST client of the organisation, authenticated with the job's access token
 * (`System.AccessToken`) as a bearer token. The client first asks the organisation where the Git
 * area lives (the Location service's resource areas, then an OPTIONS request for the area's
 * routes and versions), as the SDK does against Azure DevOps Services and Server alike.
 */
export async function openGitApi(collectionUri: string, accessToken: string): Promise<IGitApi> {
  // A fixed user agent: the SDK would otherwise read its own package.json beside `__dirname`, which a bundle does not have.
  const connection = new WebApi(collectionUri, getBearerHandler(accessToken), { allowRetries: true, maxRetries: 2, socketTimeout: 30_000 }, USER_AGENT);
  try {
    return await connection.getGitApi();
  } catch (cause) {
    const status = (cause as { statusCode?: number }).statusCode;
    throw new CavraError('ERR_PROVIDER_API_FAILED', `cannot reach the git service of \`${collectionUri}\`: ${status ? `http ${status}` : 'no answer'}`, {
      cause,
      hint: 'the job needs its access token (System.AccessToken) and network access to the organisation',
    });
  }
}
