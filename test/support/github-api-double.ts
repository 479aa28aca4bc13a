// A loopback double of the GitHub REST API (127.0.0.1 only) for one repository and one pull
// request. Every request is validated against GitHub's OpenAPI description before it is
// answered; a request that does not match is answered 422 and kept in `violations`, so a test
// asserts there were none. Lists paginate as GitHub does (per_page, page, Link rel="next"), the
// files list stops at 3,000 entries, and a read-only (fork) token cannot write checks.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { GitHubOpenApi } from './github-openapi.ts';

export interface AccountFixture {
  login: string;
  type?: 'User' | 'Bot';
}

export interface PullFixture {
  number: number;
  headSha: string;
  baseSha: string;
  author: AccountFixture;
  body?: string;
  labels?: string[];
  files: Array<{ filename: string; status?: string; previous_filename?: string }>;
  /** What GitHub says the pull request changes; default the number of files. */
  changedFiles?: number;
  commits?: Array<{ sha: string; author: AccountFixture | null }>;
  reviews?: Array<{ user: AccountFixture | null; state: string; commit_id: string; submitted_at?: string }>;
  labelEvents?: Array<{ label: string; actor: AccountFixture }>;
  /** The head lives in a fork. */
  fork?: boolean;
}

export interface RepoFixture {
  owner: string;
  repo: string;
  pull: PullFixture;
  /** File contents by `REF:PATH`. */
  contents?: Record<string, string>;
  /** Members by `org/team`; teams are invisible to the token unless `teamsReadable`. */
  teams?: Record<string, string[]>;
  teamsReadable?: boolean;
  /** A read-only token: writes answer 403 "Resource not accessible by integration". */
  readOnly?: boolean;
  token: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  template?: string;
  body?: unknown;
}

export interface CheckRunRecord {
  id: number;
  name: string;
  head_sha: string;
  status?: string;
  conclusion?: string;
  title?: string;
  summary?: string;
  annotations: Array<{ path: string; annotation_level: string; title?: string; message: string }>;
  requests: number;
}

export interface GitHubApiDouble {
  url: string;
  requests: RecordedRequest[];
  violations: string[];
  checkRuns: CheckRunRecord[];
  close(): Promise<void>;
}

let sharedSpec: GitHubOpenApi | undefined;

/** Starts the double on 127.0.0.1 with a fresh state. The OpenAPI description is loaded once per process. */
export async function startGitHubApiDouble(fixture: RepoFixture): Promise<GitHubApiDouble> {
  sharedSpec ??= new GitHubOpenApi();
  const spec = sharedSpec;
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const checkRuns: CheckRunRecord[] = [];
  let base = '';

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      violations.push(`double failed: ${(error as Error).stack ?? String(error)}`);
      send(response, 500, { message: 'double failed' });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', base);
    const raw = await text(request);
    const contentType = request.headers['content-type'];
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        violations.push(`${request.method} ${url.pathname}: body is not JSON`);
      }
    }
    const checked = spec.check(request.method ?? 'GET', url.pathname, url.searchParams, body, contentType);
    requests.push({ method: request.method ?? 'GET', path: url.pathname, query: url.search, ...(checked.operation ? { template: checked.operation.template } : {}), ...(body !== undefined ? { body } : {}) });
    if (request.headers.authorization !== `token ${fixture.token}`) checked.violations.push(`${request.method} ${url.pathname}: not authenticated with the job's token`);
    if (checked.violations.length > 0 || !checked.operation) {
      violations.push(...checked.violations);
      return send(response, 422, { message: 'Validation Failed', errors: checked.violations });
    }
    const { template, params } = checked.operation;
    const key = `${request.method} ${template}`;
    const answer = route(key, params, url.searchParams, body);
    if (!answer) {
      violations.push(`${key}: not implemented by the double`);
      return send(response, 501, { message: 'not implemented by the double' });
    }
    if (Array.isArray(answer.body) && answer.paginate) return sendPage(response, url, answer.body);
    return send(response, answer.status, answer.body);
  }

  function route(key: string, params: Record<string, string>, query: URLSearchParams, body: unknown): { status: number; body: unknown; paginate?: boolean } | undefined {
    const pull = fixture.pull;
    const samePull = () => params.owner === fixture.owner && params.repo === fixture.repo && Number(params.pull_number ?? params.issue_number) === pull.number;
    switch (key) {
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}':
        return samePull() ? { status: 200, body: pullBody(fixture) } : notFound();
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files':
        // GitHub: "Responses include a maximum of 3000 files."
        return samePull() ? { status: 200, paginate: true, body: pull.files.slice(0, 3000).map((file, index) => fileBody(file, index)) } : notFound();
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits':
        return samePull() ? { status: 200, paginate: true, body: (pull.commits ?? [{ sha: pull.headSha, author: pull.author }]).map((commit) => commitBody(commit)) } : notFound();
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews':
        return samePull() ? { status: 200, paginate: true, body: (pull.reviews ?? []).map((review, index) => reviewBody(review, index)) } : notFound();
      case 'GET /repos/{owner}/{repo}/issues/{issue_number}/events':
        return samePull() ? { status: 200, paginate: true, body: (pull.labelEvents ?? []).map((event, index) => ({ id: index + 1, node_id: `E${index}`, url: '', actor: account(event.actor), event: 'labeled', commit_id: null, commit_url: null, created_at: '2026-11-29T10:00:00Z', label: { name: event.label, color: 'ff0000' }, performed_via_github_app: null })) } : notFound();
      case 'GET /repos/{owner}/{repo}/contents/{path}': {
        const text = fixture.contents?.[`${query.get('ref') ?? ''}:${params.path}`];
        if (text === undefined) return notFound();
        return { status: 200, body: { type: 'file', encoding: 'base64', size: text.length, name: params.path!.split('/').at(-1), path: params.path, content: Buffer.from(text).toString('base64'), sha: 'f'.repeat(40), url: '', git_url: null, html_url: null, download_url: null, _links: { self: '', git: null, html: null } } };
      }
      case 'GET /orgs/{org}/teams/{team_slug}/memberships/{username}': {
        if (!fixture.teamsReadable) return { status: 403, body: { message: 'Resource not accessible by integration' } };
        const members = fixture.teams?.[`${params.org}/${params.team_slug}`];
        return members?.some((member) => member.toLowerCase() === params.username!.toLowerCase()) ? { status: 200, body: { url: '', role: 'member', state: 'active' } } : notFound();
      }
      case 'GET /orgs/{org}/teams/{team_slug}': {
        if (!fixture.teamsReadable || !fixture.teams?.[`${params.org}/${params.team_slug}`]) return notFound();
        return { status: 200, body: { id: 1, node_id: 'T', name: params.team_slug, slug: params.team_slug, description: null, privacy: 'closed', permission: 'pull', url: '', html_url: '', members_url: '', repositories_url: '', parent: null, members_count: 1, repos_count: 1, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', organization: {} } };
      }
      case 'POST /repos/{owner}/{repo}/check-runs': {
        if (fixture.readOnly) return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/checks/runs#create-a-check-run', status: '403' } };
        const input = body as { name: string; head_sha: string; status?: string; conclusion?: string; output?: { title?: string; summary?: string; annotations?: CheckRunRecord['annotations'] } };
        const run: CheckRunRecord = { id: checkRuns.length + 1, name: input.name, head_sha: input.head_sha, ...(input.status ? { status: input.status } : {}), ...(input.conclusion ? { conclusion: input.conclusion } : {}), ...(input.output?.title ? { title: input.output.title } : {}), ...(input.output?.summary ? { summary: input.output.summary } : {}), annotations: [...(input.output?.annotations ?? [])], requests: 1 };
        checkRuns.push(run);
        return { status: 201, body: { id: run.id, head_sha: run.head_sha, html_url: `${base}/${fixture.owner}/${fixture.repo}/runs/${run.id}`, name: run.name, status: run.status, conclusion: run.conclusion ?? null } };
      }
      case 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': {
        if (fixture.readOnly) return { status: 403, body: { message: 'Resource not accessible by integration' } };
        const run = checkRuns.find((candidate) => candidate.id === Number(params.check_run_id));
        if (!run) return notFound();
        const input = body as { output?: { annotations?: CheckRunRecord['annotations'] } };
        run.annotations.push(...(input.output?.annotations ?? []));
        run.requests += 1;
        return { status: 200, body: { id: run.id, head_sha: run.head_sha } };
      }
      default:
        return undefined;
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    violations,
    checkRuns,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function notFound() {
  return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
}

function account(who: AccountFixture) {
  return { login: who.login, id: who.login.length, node_id: 'U', avatar_url: '', gravatar_id: null, url: '', html_url: '', type: who.type ?? 'User', site_admin: false };
}

function pullBody(fixture: RepoFixture) {
  const pull = fixture.pull;
  const repository = (name: string) => ({ id: 1, name: name.split('/')[1], full_name: name, owner: account({ login: name.split('/')[0]! }), private: false });
  return {
    id: 1,
    number: pull.number,
    state: 'open',
    html_url: `https://github.com/${fixture.owner}/${fixture.repo}/pull/${pull.number}`,
    title: 'a change',
    user: account(pull.author),
    body: pull.body ?? null,
    labels: (pull.labels ?? []).map((name, index) => ({ id: index, name, color: 'ededed' })),
    head: { sha: pull.headSha, ref: 'feature', label: 'x:feature', repo: repository(pull.fork ? `fork-owner/${fixture.repo}` : `${fixture.owner}/${fixture.repo}`) },
    base: { sha: pull.baseSha, ref: 'main', label: 'x:main', repo: repository(`${fixture.owner}/${fixture.repo}`) },
    changed_files: pull.changedFiles ?? pull.files.length,
    commits: (pull.commits ?? [1]).length,
  };
}

function fileBody(file: PullFixture['files'][number], index: number) {
  return { sha: index.toString(16).padStart(40, '0'), filename: file.filename, status: file.status ?? 'modified', additions: 1, deletions: 0, changes: 1, blob_url: '', raw_url: '', contents_url: '', ...(file.previous_filename ? { previous_filename: file.previous_filename } : {}) };
}

function commitBody(commit: { sha: string; author: AccountFixture | null }) {
  return { sha: commit.sha, node_id: 'C', url: '', html_url: '', comments_url: '', commit: { message: 'change', author: { name: 'x', email: 'x@example.com', date: '2026-11-29T00:00:00Z' } }, author: commit.author ? account(commit.author) : null, committer: null, parents: [] };
}

function reviewBody(review: NonNullable<PullFixture['reviews']>[number], index: number) {
  return { id: index + 1, node_id: 'R', user: review.user ? account(review.user) : null, body: '', state: review.state, html_url: '', pull_request_url: '', author_association: 'MEMBER', commit_id: review.commit_id, ...(review.submitted_at ? { submitted_at: review.submitted_at } : {}), _links: {} };
}

function sendPage(response: ServerResponse, url: URL, items: unknown[]): void {
  const perPage = Number(url.searchParams.get('per_page') ?? 30);
  const page = Number(url.searchParams.get('page') ?? 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  if (page * perPage < items.length) {
    const next = new URL(url);
    next.searchParams.set('page', String(page + 1));
    next.searchParams.set('per_page', String(perPage));
    response.setHeader('link', `<${next.href}>; rel="next"`);
  }
  send(response, 200, slice);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
