// Test support: real keys, real tokens minted with jose, and a loopback OIDC issuer (discovery + JWKS).
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type JWTPayload, type CryptoKey } from 'jose';

export const FIXTURES = join(fileURLToPath(import.meta.url), '..', '..', '..', '..', '..', 'fixtures', 'tokens');

/** A pinned clock: 2026-03-01T12:00:00Z. */
export const NOW = new Date('2026-03-01T12:00:00Z');
export const NOW_S = Math.floor(NOW.getTime() / 1000);

export interface ClaimTemplate {
  provider: string;
  audience: string;
  issuer_suffix?: string;
  claims: Record<string, unknown>;
  expected: Record<string, unknown>;
}

export function loadTemplate(provider: 'github-actions' | 'gitlab-ci' | 'azure-pipelines'): ClaimTemplate {
  return JSON.parse(readFileSync(join(FIXTURES, `${provider}.json`), 'utf8')) as ClaimTemplate;
}

export interface LabKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  publicJwk: JWK;
  publicKey: CryptoKey;
}

export async function makeKey(kid: string, alg: 'RS256' | 'ES256'): Promise<LabKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicJwk, publicKey };
}

export interface MintOptions {
  issuer: string;
  audience: string | string[];
  key: LabKey;
  /** Override header fields (`kid: undefined` drops it). */
  header?: Record<string, unknown>;
  iat?: number;
  nbf?: number | null;
  exp?: number | null;
}

/** Mints a real signed JWT with the given claims; times default to iat = now − 60 s, exp = now + 300 s. */
export function mint(claims: JWTPayload, options: MintOptions): Promise<string> {
  const payload: JWTPayload = { ...claims, iss: options.issuer, aud: options.audience, iat: options.iat ?? NOW_S - 60 };
  if (options.nbf !== null) payload.nbf = options.nbf ?? NOW_S - 60;
  if (options.exp !== null) payload.exp = options.exp ?? NOW_S + 300;
  const header = { alg: options.key.alg, kid: options.key.kid, typ: 'JWT', ...options.header };
  return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(options.key.privateKey);
}

export type JwksMode = 'ok' | 'garbage' | 'not-jwks' | 'error' | 'huge' | 'slow';

/** A loopback OIDC issuer: `/<tenant>/.well-known/openid-configuration` and `/jwks`. */
export class IssuerServer {
  jwks: { keys: JWK[] } = { keys: [] };
  mode: JwksMode = 'ok';
  jwksFetches = 0;
  discoveryFetches = 0;
  discoveryIssuerOverride: string | undefined;
  readonly #server: Server;
  #port = 0;

  private constructor() {
    this.#server = createServer((request, response) => this.#handle(request, response));
  }

  static async start(): Promise<IssuerServer> {
    const lab = new IssuerServer();
    await new Promise<void>((resolve) => lab.#server.listen(0, '127.0.0.1', resolve));
    lab.#port = (lab.#server.address() as AddressInfo).port;
    return lab;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get jwksUrl(): string {
    return `${this.origin}/jwks`;
  }

  issuer(suffix = '/issuer'): string {
    return `${this.origin}${suffix}`;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    const path = request.url ?? '/';
    if (path.endsWith('/.well-known/openid-configuration')) {
      this.discoveryFetches += 1;
      const issuer = `${this.origin}${path.slice(0, -'/.well-known/openid-configuration'.length)}`;
      return json(response, 200, { issuer: this.discoveryIssuerOverride ?? issuer, jwks_uri: this.jwksUrl, id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (path === '/jwks') {
      this.jwksFetches += 1;
      if (this.mode === 'garbage') return void response.writeHead(200, { 'content-type': 'application/json' }).end('<html>not json</html>');
      if (this.mode === 'not-jwks') return json(response, 200, { keys: 'nope' });
      if (this.mode === 'error') return json(response, 503, { error: 'unavailable' });
      if (this.mode === 'slow') return void setTimeout(() => json(response, 200, this.jwks), 1500);
      if (this.mode === 'huge') return json(response, 200, { keys: [], padding: 'x'.repeat(2 * 1024 * 1024) });
      return json(response, 200, this.jwks);
    }
    json(response, 404, { error: 'not found' });
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** A port on 127.0.0.1 with nothing listening (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
