// A loopback double of the runner's artifact service (the Twirp API behind @actions/artifact v2+):
// every request body is read strictly by the service's own published protobuf message types
// (unknown or mistyped fields throw), and uploads go to a real Blob service (Azurite) through a
// SAS URL, as the real service hands out.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { createRequire } from 'node:module';
import { BlobSASPermissions, BlobServiceClient, StorageSharedKeyCredential, generateBlobSASQueryParameters } from '@azure/storage-blob';
import { AZURITE_ACCOUNT, AZURITE_KEY, type Azurite } from './azurite.ts';

const require = createRequire(import.meta.url);
// The message types generated from the service's .proto, as published in @actions/artifact.
const messages = require('@actions/artifact/lib/generated/index.js') as Record<string, { fromJson(json: unknown, options?: { ignoreUnknownFields?: boolean }): Record<string, unknown> }>;

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';
const CONTAINER = 'actions-results';

export interface ArtifactServiceDouble {
  url: string;
  /** What each accepted call asked for, parsed by the service's message types. */
  calls: Array<{ method: string; body: Record<string, unknown> }>;
  violations: string[];
  /** The bytes uploaded for an artifact name (the zip), read back from the Blob service. */
  uploaded(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

export async function startArtifactServiceDouble(azurite: Azurite, runtimeToken: string): Promise<ArtifactServiceDouble> {
  const credential = new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY);
  const blobs = new BlobServiceClient(azurite.serviceUrl, credential);
  await blobs.getContainerClient(CONTAINER).createIfNotExists();
  const calls: ArtifactServiceDouble['calls'] = [];
  const violations: string[] = [];

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await text(request);
    const method = request.url?.startsWith(SERVICE) ? request.url.slice(SERVICE.length) : '';
    const fail = (status: number, why: string) => {
      violations.push(`${request.method} ${request.url}: ${why}`);
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'invalid_argument', msg: why }));
    };
    if (request.method !== 'POST' || !['CreateArtifact', 'FinalizeArtifact'].includes(method)) return fail(404, 'not an ArtifactService method this double serves');
    if (request.headers.authorization !== `Bearer ${runtimeToken}`) return fail(401, 'missing or wrong runtime token');
    if (!String(request.headers['content-type']).startsWith('application/json')) return fail(400, 'Twirp JSON needs content-type application/json');
    let parsed: Record<string, unknown>;
    try {
      parsed = messages[`${method}Request`]!.fromJson(JSON.parse(body));
    } catch (error) {
      return fail(400, `the body is not a ${method}Request: ${(error as Error).message}`);
    }
    calls.push({ method, body: parsed });
    const reply = method === 'CreateArtifact' ? { ok: true, signedUploadUrl: signedUrl(String(parsed.name)) } : { ok: true, artifactId: String(calls.length) };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
  };

  const signedUrl = (name: string) => {
    const blobName = `${name}.zip`;
    const sas = generateBlobSASQueryParameters({ containerName: CONTAINER, blobName, permissions: BlobSASPermissions.parse('cw'), expiresOn: new Date(Date.now() + 3_600_000) }, credential);
    return `${azurite.serviceUrl}/${CONTAINER}/${blobName}?${sas.toString()}`;
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => response.writeHead(500).end(error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    violations,
    uploaded: async (name) => blobs.getContainerClient(CONTAINER).getBlockBlobClient(`${name}.zip`).downloadToBuffer(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
