// A loopback GitLab REST API double on 127.0.0.1. It serves only the endpoints the gate calls,
// each checked against GitLab's documentation: method, path, the query parameters the endpoint
// documents, and the body fields it accepts. Anything else is answered 404 and recorded as a
// violation, which the tests assert are none.
// https://docs.gitlab.com/api/merge_requests/ , /api/merge_request_approvals/ , /api/notes/ ,
// /api/resource_label_events/ , /api/repository_files/ , /api/groups/ , /api/members/ , /api/users/
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const PAGING = ['page', 'per_page'];

interface Route {
  method: 'GET' | 'POST' | 'PUT';
  pattern: RegExp;
  /** Query parameters the endpoint documents. */
  query: readonly string[];
  /** Body fields the endpoint documents, and which are required. */
  body?: { allowed: readonly string[]; required: readonly string[] };
  name: string;
}

const ROUTES: readonly Route[] = [
  { name: 'mr', method: 'GET', pattern: /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)$/, query: ['render_html', 'include_diverged_commits_count', 'include_rebase_in_progress'] },
  { name: 'diffs', method: 'GET', pattern: /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/diffs$/, query: [...PAGING, 'unidiff'] },
  { name: 'commits', method: 'GET', pattern: /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/commits$/, query: PAGING },
  { name: 'mr-approvals', method: 'GET', pattern: /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/approvals$/, query: [] },
  { name: 'project-approvals', method: 'GET', pattern: /^\/api\/v4\/projects\/([^/]+)\/approvals$/, query: [] },
  { name: 'label-events', method: 'GET', pattern: /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/resource_label_events$/, query: PAGING },
  { name: 'raw-file', method: 'GET', pattern: /^\/api\/v4\/projects\/([^/]+)\/repository\/files\/([^/]+)\/raw$/, query: ['ref', 'lfs'] },
  { name: 'group', method: 'GET', pattern: /^\/api\/v4\/groups\/([^/]+)$/, query: ['with_custom_attributes', 'with_projects'] },
  { name: 'group-member', method: 'GET', pattern: /^\/api\/v4\/groups\/([^/]+)\/members\/all\/(\d+)$/, query: [] },
  { name: 'user', method: 'GET', pattern: /^\/api\/v4\/user$/, query: [] },
  { name: 'notes', method: 'GET', pattern: /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/notes$/, query: [...PAGING, 'sort', 'order_by'] },
  { name: 'create-note', method: 'POST', pattern: /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/notes$/, query: [], body: { allowed: ['body', 'internal', 'created_at', 'merge_request_diff_head_sha'], required: ['body'] } },
  { name: 'edit-note', method: 'PUT', pattern: /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/notes\/(\d+)$/, query: [], body: { allowed: ['body'], required: ['body'] } },
];

export interface Note {
  id: number;
  body: string;
  author: { id: number; username: string };
  system: boolean;
}

/** The state a test sets up; every field is served as GitLab would. */
export interface GitlabWorld {
  projectId: string;
  mr: Record<string, unknown> & { iid: number };
  diffs: Record<string, unknown>[];
  commits: Record<string, unknown>[];
  approvedBy: { id: number; username: string; bot?: boolean }[];
  resetApprovalsOnPush: boolean;
  labelEvents: Record<string, unknown>[];
  /** Files by `ref`, then path. */
  files: Record<string, Record<string, string>>;
  /** Group path → member user ids (inherited included). */
  groups: Record<string, number[]>;
  notes: Note[];
  /** The token the double accepts; requests with another are 401. Absent: every request is anonymous and private data is 404. */
  token?: string;
  tokenUser: { id: number; username: string };
  /** Route names that answer 403 whatever the token (e.g. a token without the scope). */
  forbidden?: string[];
}

export interface RecordedRequest {
  method: string;
  route: string;
  path: string;
  query: Record<string, string>;
  body?: Record<string, unknown>;
  authenticated: boolean;
}

export interface GitlabDouble {
  url: string;
  requests: RecordedRequest[];
  violations: string[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the double on 127.0.0.1 with `world` as its state (mutated by note writes). */
export async function startGitlabDouble(world: GitlabWorld): Promise<GitlabDouble> {
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      response.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json', ...headers });
      response.end(text);
    };
    // The raw-file route carries an encoded path segment; match on the raw pathname.
    const path = url.pathname;
    const route = ROUTES.find((candidate) => candidate.method === request.method && candidate.pattern.test(path));
    if (!route) {
      violations.push(`undocumented request ${request.method} ${path}`);
      return send(404, { message: '404 Not Found' });
    }
    const match = route.pattern.exec(path)!;
    const query = Object.fromEntries(url.searchParams.entries());
    for (const key of Object.keys(query)) if (!route.query.includes(key)) violations.push(`${route.name}: undocumented query parameter \`${key}\``);
    let body: Record<string, unknown> | undefined;
    if (route.body) {
      const text = await readBody(request);
      const type = request.headers['content-type'] ?? '';
      body = type.includes('application/json') ? (JSON.parse(text) as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(text));
      for (const key of Object.keys(body)) if (!route.body.allowed.includes(key)) violations.push(`${route.name}: undocumented body field \`${key}\``);
      for (const key of route.body.required) if (body[key] === undefined || body[key] === '') violations.push(`${route.name}: missing required \`${key}\``);
    }
    const token = request.headers['private-token'];
    if (request.headers['job-token'] !== undefined || request.headers.authorization !== undefined) violations.push(`${route.name}: unexpected credential header`);
    const authenticated = world.token !== undefined && token === world.token;
    requests.push({ method: request.method!, route: route.name, path, query, ...(body ? { body } : {}), authenticated });
    if (token !== undefined && !authenticated) return send(401, { message: '401 Unauthorized' });
    if (world.forbidden?.includes(route.name)) return send(403, { message: '403 Forbidden' });
    // A private project: without the token, GitLab answers 404 for everything in it.
    if (!authenticated) return send(404, { message: '404 Project Not Found' });

    const project = decodeURIComponent(match[1] ?? '');
    if (route.name !== 'user' && !route.name.startsWith('group') && project !== world.projectId) return send(404, { message: '404 Project Not Found' });
    const iid = Number(match[2]);
    if (match[2] !== undefined && route.name !== 'raw-file' && route.name !== 'group-member' && iid !== world.mr.iid) return send(404, { message: '404 Not found' });
    const paged = (items: unknown[]) => {
      const perPage = Math.min(Number(query.per_page ?? 20), 100);
      const page = Number(query.page ?? 1);
      const totalPages = Math.max(1, Math.ceil(items.length / perPage));
      const headers: Record<string, string> = { 'x-page': String(page), 'x-per-page': String(perPage), 'x-total': String(items.length), 'x-total-pages': String(totalPages), 'x-next-page': page < totalPages ? String(page + 1) : '', 'x-prev-page': page > 1 ? String(page - 1) : '' };
      if (page < totalPages) {
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        headers.link = `<http://127.0.0.1:${(server.address() as AddressInfo).port}${next.pathname}${next.search}>; rel="next"`;
      }
      send(200, items.slice((page - 1) * perPage, page * perPage), headers);
    };
    switch (route.name) {
      case 'mr':
        return send(200, world.mr);
      case 'diffs':
        return paged(world.diffs);
      case 'commits':
        return paged(world.commits);
      case 'mr-approvals':
        return send(200, { iid: world.mr.iid, approvals_required: 1, approvals_left: world.approvedBy.length > 0 ? 0 : 1, approved_by: world.approvedBy.map((user) => ({ user: { name: user.username, state: 'active', ...user } })) });
      case 'project-approvals':
        return send(200, { approvals_before_merge: 1, reset_approvals_on_push: world.resetApprovalsOnPush, disable_overriding_approvers_per_merge_request: false, merge_requests_author_approval: false, merge_requests_disable_committers_approval: true });
      case 'label-events':
        return paged(world.labelEvents);
      case 'raw-file': {
        if (query.ref === undefined) return send(400, { error: 'ref is missing' });
        const text = world.files[query.ref]?.[decodeURIComponent(match[2]!)];
        return text === undefined ? send(404, { message: '404 File Not Found' }) : send(200, text);
      }
      case 'group': {
        const group = decodeURIComponent(match[1]!);
        return world.groups[group] ? send(200, { id: 1, full_path: group }) : send(404, { message: '404 Group Not Found' });
      }
      case 'group-member': {
        const group = decodeURIComponent(match[1]!);
        const user = Number(match[2]);
        return world.groups[group]?.includes(user) ? send(200, { id: user, state: 'active', access_level: 30 }) : send(404, { message: '404 Not found' });
      }
      case 'user':
        return send(200, world.tokenUser);
      case 'notes':
        return paged(world.notes);
      case 'create-note': {
        const note: Note = { id: 1000 + world.notes.length, body: String(body!.body), author: world.tokenUser, system: false };
        world.notes.push(note);
        return send(201, note);
      }
      case 'edit-note': {
        const note = world.notes.find((candidate) => candidate.id === Number(match[3]));
        if (!note) return send(404, { message: '404 Note Not Found' });
        if (note.author.id !== world.tokenUser.id) return send(403, { message: '403 Forbidden' });
        note.body = String(body!.body);
        return send(200, note);
      }
    }
    send(500, { message: 'double: unhandled route' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    violations,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
