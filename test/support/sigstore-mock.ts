// Fulcio, Rekor and a TSA from @sigstore/mock behind one loopback server: real certificates,
// real log entries and real timestamps, verifiable against the trusted root it describes.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fulcioHandler, initializeCA, initializeCTLog, initializeTLog, initializeTSA, rekorHandler, tsaHandler, type HandlerFn } from '@sigstore/mock';

const ec = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const b64 = (bytes: ArrayBufferView | Buffer): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const der = (key: Buffer): string => key.toString('base64');

/** Mock Sigstore services for `url`, and the trusted root that vouches for them. */
export async function mockSigstore(url: string) {
  const ctKeys = ec();
  const ctLog = await initializeCTLog(ctKeys);
  const ca = await initializeCA(ec(), ctLog);
  const tlog = await initializeTLog(url, ec());
  const tsa = await initializeTSA(ec());
  const start = '2020-01-01T00:00:00Z';
  const root = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [{ baseUrl: url, hashAlgorithm: 'SHA2_256', publicKey: { rawBytes: der(tlog.publicKey), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } }, logId: { keyId: createHash('sha256').update(tlog.publicKey).digest('base64') } }],
    certificateAuthorities: [{ subject: { organization: 'sigstore.mock', commonName: 'sigstore' }, uri: url, certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] }, validFor: { start } }],
    ctlogs: [{ baseUrl: url, hashAlgorithm: 'SHA2_256', publicKey: { rawBytes: der(ctLog.publicKey), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } }, logId: { keyId: b64(ctLog.logID) } }],
    timestampAuthorities: [{ subject: { organization: 'sigstore.mock', commonName: 'sigstore-tsa' }, uri: url, certChain: { certificates: [{ rawBytes: b64(tsa.intCertificate) }, { rawBytes: b64(tsa.rootCertificate) }] }, validFor: { start } }],
  };
  const handlers = [fulcioHandler(ca), rekorHandler(tlog), tsaHandler(tsa)];
  return { root, handlers };
}

/** One loopback server answering for a mock Sigstore; `root` is its `trusted_root.json`. */
export async function serveMockSigstore(): Promise<{ server: Server; base: string; root: Record<string, unknown> }> {
  const routes = new Map<string, HandlerFn>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const fn = routes.get(req.url ?? '');
      if (!fn) return void res.writeHead(404).end();
      const result = await fn(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(result.statusCode, { 'content-type': result.contentType ?? 'application/json' }).end(result.response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const real = await mockSigstore(base);
  for (const h of real.handlers) routes.set(h.path, h.fn);
  return { server, base, root: real.root };
}
