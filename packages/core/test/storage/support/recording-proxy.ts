import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';

/** One request as it crossed the wire. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** What the proxy did: forwarded it, answered with a fault status, or cut it mid-body. */
  outcome: 'forwarded' | 'fault' | 'cut';
}

/** A fault injected once, on the first request that `match`es. */
export type Fault =
  | { match: (request: IncomingMessage) => boolean; reply: { status: number; contentType: string; body: string } }
  | { match: (request: IncomingMessage) => boolean; cutAndStop: true };

/**
 * A loopback HTTP proxy in front of a real server (Ceph RGW, Azurite): it records each request's
 * headers (HTTP-layer evidence of what the SDK sent) and injects faults: a status reply (503),
 * or a connection cut mid-body after which the proxy stops listening (a server gone mid-upload).
 * The Host header is forwarded unchanged, so S3 SigV4 signatures stay valid.
 */
export class RecordingProxy {
  readonly requests: RecordedRequest[] = [];
  readonly #faults: Fault[] = [];
  readonly #sockets = new Set<Socket>();
  readonly #server: Server;
  readonly #upstream: URL;
  #port = 0;

  private constructor(upstream: string) {
    this.#upstream = new URL(upstream);
    this.#server = createServer((req, res) => this.#handle(req, res));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  /** Starts a proxy on 127.0.0.1 forwarding to `upstream` (scheme, host and port only). */
  static async start(upstream: string): Promise<RecordingProxy> {
    const proxy = new RecordingProxy(upstream);
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    proxy.#port = (proxy.#server.address() as { port: number }).port;
    return proxy;
  }

  /** The proxy's base URL, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Queues a fault for the next matching request. */
  inject(fault: Fault): void {
    this.#faults.push(fault);
  }

  /** Stops listening and drops every open connection. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: import('node:http').ServerResponse): void {
    const index = this.#faults.findIndex((fault) => fault.match(req));
    const fault = index >= 0 ? this.#faults.splice(index, 1)[0] : undefined;
    const record: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers }, outcome: 'forwarded' };
    this.requests.push(record);
    if (fault && 'reply' in fault) {
      record.outcome = 'fault';
      req.resume();
      req.on('end', () => res.writeHead(fault.reply.status, { 'content-type': fault.reply.contentType, connection: 'close' }).end(fault.reply.body));
      return;
    }
    if (fault && 'cutAndStop' in fault) {
      record.outcome = 'cut';
      // After the first bytes of the body arrive, the "server" goes away: the socket is cut and nothing listens any more.
      req.once('data', () => {
        this.#server.close();
        for (const socket of this.#sockets) socket.destroy();
      });
      return;
    }
    const upstream = httpRequest(
      { host: this.#upstream.hostname, port: this.#upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }
}
