// A loopback double of the Azure DevOps REST API, on 127.0.0.1 only, for the routes the task
// uses. It serves what azure-devops-node-api asks first (the Location service's resource areas and
// an OPTIONS request listing the Git area's routes and versions), then the documented routes at
// api-version 7.1, and records every request so tests can check routes, versions and bearer token
// against learn.microsoft.com/rest/api/azure/devops/git (7.1).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Documented routes, as the service advertises them in its OPTIONS answer (`routeTemplate`). */
export const GIT_LOCATIONS = [
  { id: '9946fd70-0d40-406e-b686-b4744cbbcc37', resourceName: 'pullRequests', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/{resource}/{pullRequestId}' },
  { id: 'd43911ee-6958-46b0-a42b-8445b8a0d004', resourceName: 'iterations', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/{resource}/{iterationId}' },
  { id: '4216bdcf-b6b1-4d59-8b82-c34cc183fc8b', resourceName: 'changes', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/iterations/{iterationId}/{resource}' },
  { id: '4b6702c7-aa35-4b89-9c96-b9abf6d3e540', resourceName: 'reviewers', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/{resource}/{reviewerId}' },
  { id: 'f22387e3-984e-4c52-9c6d-fbb8f14c812d', resourceName: 'labels', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/{resource}/{labelIdOrName}' },
  { id: '52823034-34a8-4576-922c-8d8b77e9e4c4', resourceName: 'commits', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/{resource}' },
  { id: 'ab6e2e5d-a0b7-4153-b64a-a4efe0d49449', resourceName: 'threads', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/{resource}/{threadId}' },
  { id: 'fb93c0db-47ed-4a31-8c20-47552878fb44', resourceName: 'items', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/{resource}/{*path}' },
  { id: 'b5f6bb4f-8d1e-4d79-8d11-4c9172c99c35', resourceName: 'statuses', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/{resource}/{statusId}' },
] as const;

const LOCATION_RESOURCE_AREAS = { id: 'e81700f7-3be2-46de-8624-2eb35882fcaa', area: 'Location', resourceName: 'ResourceAreas', routeTemplate: '_apis/{resource}/{areaId}' };
const GIT_AREA_ID = '4e080c62-fa21-4fbc-8fef-2a10a2b38049';
const VERSIONS = { minVersion: '1.0', maxVersion: '7.1', releasedVersion: '7.1', resourceVersion: 1 };

/** The pull request the double serves. */
export interface DoubleScenario {
  organization: string;
  project: string;
  repositoryId: string;
  pullRequestId: number;
  token: string;
  pullRequest: Record<string, unknown>;
  iterations: Array<Record<string, unknown>>;
  /** Pages of `changeEntries`; each page but the last answers with `nextSkip`. */
  changePages: Array<Array<Record<string, unknown>>>;
  reviewers: Array<Record<string, unknown>>;
  labels: Array<Record<string, unknown>>;
  commits: Array<Record<string, unknown>>;
  threads: Array<Record<string, unknown>>;
  /** File contents by commit, then by path (`/.cavra/approvers.yml`), for the items route. */
  files?: Record<string, Record<string, string>>;
  /** Answer status posts with this HTTP status instead of 200 (to test a refused post). */
  statusPostStatus?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  apiVersion: string | undefined;
  authorization: string | undefined;
  body?: unknown;
}

export interface DevOpsDouble {
  /** `System.CollectionUri` of the double's organisation, with the trailing slash. */
  collectionUri: string;
  requests: RecordedRequest[];
  /** Requests the double did not recognise as a documented route at api-version 7.1 with the token. */
  violations: string[];
  close(): Promise<void>;
}

export async function startDevOpsDouble(scenario: DoubleScenario): Promise<DevOpsDouble> {
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  let base = '';
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const body = await readBody(request);
      const apiVersion = /api-version=([^;,\s]+)/.exec(String(request.headers.accept ?? ''))?.[1];
      const recorded: RecordedRequest = {
        method: request.method ?? 'GET',
        path: decodeURIComponent(url.pathname),
        query: Object.fromEntries(url.searchParams),
        apiVersion,
        authorization: request.headers.authorization,
        ...(body === undefined ? {} : { body }),
      };
      requests.push(recorded);
      if (request.headers.authorization !== `Bearer ${scenario.token}`) {
        violations.push(`${recorded.method} ${recorded.path}: not the job's bearer token`);
        return send(response, 401, { message: 'TF400813: the user is not authorized' });
      }
      const answer = route(recorded);
      if (answer.status >= 400 && !answer.expected && answer.status !== scenario.statusPostStatus) violations.push(`${recorded.method} ${recorded.path}: ${answer.status}`);
      send(response, answer.status, answer.body);
    })();
  });

  const org = `/${scenario.organization}`;
  const repo = `${org}/${scenario.project}/_apis/git/repositories/${scenario.repositoryId}`;
  const pr = `${repo}/pullRequests/${scenario.pullRequestId}`;
  const latestIteration = Math.max(...scenario.iterations.map((iteration) => Number(iteration.id)));

  function route(request: RecordedRequest): { status: number; body: unknown; expected?: boolean } {
    const { method, path } = request;
    if (method === 'OPTIONS' && path === `${org}/_apis/Location`) return { status: 200, body: list([{ ...LOCATION_RESOURCE_AREAS, ...VERSIONS }]) };
    if (method === 'OPTIONS' && path === `${org}/_apis/git`) return { status: 200, body: list(GIT_LOCATIONS.map((location) => ({ ...location, area: 'git', ...VERSIONS }))) };
    if (method === 'GET' && path === `${org}/_apis/ResourceAreas`) return { status: 200, body: list([{ id: GIT_AREA_ID, name: 'git', locationUrl: base }]) };
    if (request.apiVersion !== '7.1') violations.push(`${method} ${path}: api-version ${request.apiVersion ?? 'missing'}, documented 7.1`);
    if (method === 'GET' && path === pr) return { status: 200, body: scenario.pullRequest };
    if (method === 'GET' && path === `${pr}/iterations`) return { status: 200, body: list(scenario.iterations) };
    if (method === 'GET' && path === `${pr}/iterations/${latestIteration}/changes`) {
      const skip = Number(request.query.$skip ?? 0);
      const top = Number(request.query.$top ?? 100);
      let offset = 0;
      for (let page = 0; page < scenario.changePages.length; page += 1) {
        const entries = scenario.changePages[page]!;
        if (offset === skip) {
          const more = page + 1 < scenario.changePages.length;
          if (entries.length > top) violations.push(`changes page ${page} is larger than $top ${top}`);
          return { status: 200, body: { changeEntries: entries, ...(more ? { nextSkip: offset + entries.length, nextTop: top } : {}) } };
        }
        offset += entries.length;
      }
      return { status: 200, body: { changeEntries: [] } };
    }
    if (method === 'GET' && path === `${repo}/items`) {
      const { path: file = '', 'versionDescriptor.version': version = '', 'versionDescriptor.versionType': type, includeContent } = request.query;
      if (type !== '2' && type !== 'commit') violations.push(`items read at a ${type ?? 'default'} version, not a commit`);
      const content = scenario.files?.[version]?.[file.startsWith('/') ? file : `/${file}`];
      if (content === undefined) return { status: 404, body: { message: `TF401174: The item '${file}' could not be found in the repository at version '${version}'` }, expected: true };
      return { status: 200, body: { objectId: 'b10b', path: file, commitId: version, ...(includeContent === 'true' ? { content } : {}) } };
    }
    if (method === 'GET' && path === `${pr}/reviewers`) return { status: 200, body: list(scenario.reviewers) };
    if (method === 'GET' && path === `${pr}/labels`) return { status: 200, body: list(scenario.labels) };
    if (method === 'GET' && path === `${pr}/commits`) return { status: 200, body: list(scenario.commits) };
    if (method === 'GET' && path === `${pr}/threads`) return { status: 200, body: list(scenario.threads) };
    if (method === 'POST' && path === `${pr}/statuses`) {
      if (scenario.statusPostStatus && scenario.statusPostStatus >= 400) return { status: scenario.statusPostStatus, body: { message: 'TF401027: you need the Git "Contribute to pull requests" permission' } };
      return { status: 200, body: { id: requests.filter((r) => r.method === 'POST').length, ...(request.body as object) } };
    }
    return { status: 404, body: { message: `no route for ${method} ${path}` } };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${org}/`;
  return {
    collectionUri: base,
    requests,
    violations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function list(value: unknown[]): { count: number; value: unknown[] } {
  return { count: value.length, value };
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function send(response: import('node:http').ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
