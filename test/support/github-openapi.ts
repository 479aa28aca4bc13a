// GitHub's published REST description (@octokit/openapi, `generated/api.github.com.json`, read
// directly) as a request validator: the path must be one GitHub has, and its path and query
// parameters and JSON body must match the operation's schema. Limits the description only states
// in prose (at most 100 per page, 255-character annotation titles) are checked too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { REPO_ROOT } from './paths.ts';

const SPEC_FILE = join(REPO_ROOT, 'node_modules/@octokit/openapi/generated/api.github.com.json');

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Record<string, unknown>;
  $ref?: string;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
}
interface Spec {
  paths: Record<string, Record<string, Operation & Record<string, unknown>>>;
  components: { parameters: Record<string, Parameter> };
}

/** One matched operation: its template and the values of its path parameters. */
export interface MatchedOperation {
  method: string;
  template: string;
  params: Record<string, string>;
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  operation: Operation;
}

export class GitHubOpenApi {
  private readonly routes: Route[] = [];
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly spec: Spec;

  constructor() {
    this.spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as Spec;
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false, validateFormats: true });
    this.ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/);
    for (const format of ['uri', 'email', 'date', 'uri-template', 'binary', 'uuid', 'hostname', 'ipv4', 'ipv6', 'repo.nwo', 'ssh-key', 'ssh-key fingerprint', 'int32', 'int64', 'double', 'float', 'password', 'time']) this.ajv.addFormat(format, true);
    this.ajv.addSchema(this.spec as unknown as object, 'github');
    for (const [template, methods] of Object.entries(this.spec.paths)) {
      const names: string[] = [];
      const source = template.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`)).replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        // `path` in the contents API may hold slashes; every other parameter is one segment.
        return name === 'path' ? '(.+)' : '([^/]+)';
      });
      for (const [method, operation] of Object.entries(methods)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        this.routes.push({ method: method.toUpperCase(), template, pattern: new RegExp(`^${source}$`), names, operation });
      }
    }
    // A literal segment must win over a parameter (`/pulls/comments` before `/pulls/{n}`).
    this.routes.sort((a, b) => b.template.replace(/\{[^}]+\}/g, '').length - a.template.replace(/\{[^}]+\}/g, '').length);
  }

  /** Validates one request; returns the matched operation and every violation found. */
  check(method: string, path: string, query: URLSearchParams, body: unknown, contentType: string | undefined): { operation?: MatchedOperation; violations: string[] } {
    const route = this.routes.find((candidate) => candidate.method === method && candidate.pattern.test(path));
    if (!route) return { violations: [`${method} ${path}: no such operation in GitHub's OpenAPI description`] };
    const match = route.pattern.exec(path)!;
    const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
    const where = `${method} ${route.template}`;
    const violations: string[] = [];
    const declared = (route.operation.parameters ?? []).map((parameter) => this.resolveParameter(parameter));
    for (const parameter of declared) {
      const value = parameter.in === 'path' ? params[parameter.name] : parameter.in === 'query' ? query.get(parameter.name) ?? undefined : undefined;
      if (parameter.in === 'header') continue;
      if (value === undefined) {
        if (parameter.required) violations.push(`${where}: missing required ${parameter.in} parameter \`${parameter.name}\``);
        continue;
      }
      const problem = this.checkValue(parameter.schema ?? {}, coerce(value, parameter.schema ?? {}));
      if (problem) violations.push(`${where}: ${parameter.in} parameter \`${parameter.name}\`=\`${value}\` ${problem}`);
    }
    for (const name of query.keys()) {
      if (!declared.some((parameter) => parameter.in === 'query' && parameter.name === name)) violations.push(`${where}: unknown query parameter \`${name}\``);
    }
    const perPage = query.get('per_page');
    if (perPage !== null && Number(perPage) > 100) violations.push(`${where}: per_page ${perPage} is above GitHub's maximum of 100`);

    const requestBody = route.operation.requestBody;
    const schemaPointer = requestBody?.content?.['application/json'] ? `github#/paths/${pointer(route.template)}/${method.toLowerCase()}/requestBody/content/application~1json/schema` : undefined;
    if (body === undefined) {
      if (requestBody?.required) violations.push(`${where}: missing required JSON body`);
    } else if (!schemaPointer) {
      violations.push(`${where}: the operation takes no JSON body`);
    } else {
      if (!contentType?.startsWith('application/json')) violations.push(`${where}: body sent as \`${contentType ?? 'none'}\`, not application/json`);
      let validate = this.compiled.get(schemaPointer);
      if (!validate) {
        validate = this.ajv.compile({ $ref: schemaPointer });
        this.compiled.set(schemaPointer, validate);
      }
      if (!validate(body)) for (const error of validate.errors ?? []) violations.push(`${where}: body${error.instancePath} ${error.message ?? 'is invalid'}`);
      for (const annotation of ((body as { output?: { annotations?: Array<{ title?: string }> } }).output?.annotations ?? [])) {
        if ((annotation.title ?? '').length > 255) violations.push(`${where}: an annotation title is longer than 255 characters`);
      }
    }
    return { operation: { method, template: route.template, params }, violations };
  }

  private resolveParameter(parameter: Parameter): Parameter {
    if (!parameter.$ref) return parameter;
    const name = parameter.$ref.replace('#/components/parameters/', '');
    const resolved = this.spec.components.parameters[name];
    if (!resolved) throw new Error(`unresolved parameter ${parameter.$ref}`);
    return resolved;
  }

  private checkValue(schema: Record<string, unknown>, value: unknown): string | undefined {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(key, validate);
    }
    return validate(value) ? undefined : (validate.errors ?? []).map((error) => error.message).join(', ');
  }
}

function pointer(template: string): string {
  return encodeURIComponent(template.replace(/~/g, '~0').replace(/\//g, '~1'));
}

function coerce(value: string, schema: Record<string, unknown>): unknown {
  if (schema.type === 'integer' || schema.type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (schema.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}
