/**
 * bench/fuzz's client: real HTTP over keep-alive connections, one connection per lane (an
 * agent with a single socket), so that what a request leaves on its connection is met by the
 * next request on it — and, after the run, by a probe that must be answered on each socket
 * that is still open.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export interface SentRequest {
  method: string;
  /** Path and query string, percent-encoded (or deliberately not), or the absolute form. */
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Sent with Transfer-Encoding: chunked instead of Content-Length. */
  chunked: boolean;
  /** Sent without a Host header (HTTP/1.1 requires one). */
  noHost?: boolean;
}

export interface Answer {
  /** Undefined when no answer came (hanging, or the connection failed first). */
  status?: number;
  headers: http.IncomingHttpHeaders;
  /** The body as sent, decompressed when the server compressed it. */
  body: Buffer;
  /** No complete answer within the timeout. */
  hung: boolean;
  /** Why no (complete) answer came: the connection was reset, closed, or the body was cut. */
  error?: string;
  ms: number;
  /** The request went on a connection an earlier request had used. */
  reusedSocket: boolean;
  /** The client refused to send it (a fault of the fuzzer, not of the server). */
  unsent?: string;
}

export interface SocketCheck {
  lanes: number;
  /** Connections still open after the run (each was probed). */
  open: number;
  /** Open connections that answered the probe on the same socket. */
  answered: number;
  /** Open connections that did not answer the probe in time, or failed it. */
  stuck: Array<{ lane: number; problem: string }>;
}

function decompressed(body: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.toLowerCase()) {
    case 'gzip':
      return gunzipSync(body);
    case 'br':
      return brotliDecompressSync(body);
    case 'deflate':
      return inflateSync(body);
    default:
      return body;
  }
}

/** The headers as sent: the body's framing added (Content-Length, or chunked as the request says). */
function headersOf(request: SentRequest): Record<string, string | number> {
  const headers: Record<string, string | number> = { ...request.headers };
  if (request.body && request.chunked) headers['transfer-encoding'] = 'chunked';
  else if (request.body) headers['content-length'] = request.body.length;
  return headers;
}

function writeBody(req: http.ClientRequest, request: SentRequest): void {
  if (request.body && request.chunked) {
    // Two chunks, so that a chunked body is really sent in pieces.
    const half = request.body.length >> 1;
    req.write(request.body.subarray(0, half));
    req.end(request.body.subarray(half));
  } else {
    req.end(request.body);
  }
}

/** A body read from a socket of its own: `length` bytes (the first in `head`), or to the close; the socket is then destroyed. */
function readToEnd(socket: Socket, head: Buffer, length: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks = [head];
    let received = head.length;
    const done = () => {
      socket.destroy();
      resolve(Buffer.concat(chunks));
    };
    if (Number.isFinite(length) && received >= length) return done();
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (Number.isFinite(length) && received >= length) done();
    });
    socket.once('close', done);
  });
}

export class FuzzLanes {
  readonly #agents: http.Agent[];
  readonly #sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    lanes: number,
    readonly timeoutMs: number,
  ) {
    this.#agents = Array.from({ length: lanes }, () => new http.Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1 }));
  }

  get lanes(): number {
    return this.#agents.length;
  }

  /** Sends `request` on lane `lane`'s connection and waits for the whole answer (or the timeout). */
  send(lane: number, request: SentRequest, timeoutMs = this.timeoutMs): Promise<Answer> {
    const agent = this.#agents[lane];
    if (!agent) throw new Error(`no lane ${lane}`);
    const started = performance.now();
    return new Promise<Answer>((resolve) => {
      let settled = false;
      let status: number | undefined;
      let headers: http.IncomingHttpHeaders = {};
      const chunks: Buffer[] = [];
      let req: http.ClientRequest;
      try {
        req = http.request({ host: '127.0.0.1', port: this.port, method: request.method, path: request.url, headers: headersOf(request), agent, setHost: !request.noHost });
      } catch (error) {
        resolve({ headers: {}, body: Buffer.alloc(0), hung: false, ms: 0, reusedSocket: false, unsent: (error as Error).message });
        return;
      }
      const finish = (outcome: { hung?: boolean; error?: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const raw = Buffer.concat(chunks);
        let body: Buffer = raw;
        let error = outcome.error;
        try {
          body = decompressed(raw, headers['content-encoding'] as string | undefined);
        } catch (decodeError) {
          error ??= `undecodable ${String(headers['content-encoding'])} body: ${(decodeError as Error).message}`;
        }
        resolve({ status, headers, body, hung: outcome.hung ?? false, ...(error ? { error } : {}), ms: performance.now() - started, reusedSocket: req.reusedSocket });
      };
      const timer = setTimeout(() => {
        finish({ hung: true, error: status === undefined ? 'no answer' : 'answer not finished' });
        req.destroy();
      }, timeoutMs);
      req.on('socket', (socket) => {
        if (this.#sockets.has(socket)) return;
        this.#sockets.add(socket);
        socket.once('close', () => this.#sockets.delete(socket));
      });
      req.on('response', (response) => {
        status = response.statusCode;
        headers = response.headers;
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => finish({}));
        response.on('aborted', () => finish({ error: 'answer cut off' }));
        response.on('error', (error) => finish({ error: `answer cut off: ${error.message}` }));
      });
      // An answer to CONNECT comes as 'connect' with the socket handed over: its body is read from the socket.
      req.on('connect', (response: http.IncomingMessage, socket: Socket, head: Buffer) => {
        status = response.statusCode;
        headers = response.headers;
        void readToEnd(socket, head, Number(headers['content-length'] ?? Number.NaN)).then((body) => {
          chunks.push(body);
          finish({});
        });
      });
      req.on('error', (error) => finish({ error: `${(error as NodeJS.ErrnoException).code ?? 'error'}: ${error.message}` }));
      // Closed without an answer and without an error (the client's own handling of some methods).
      req.on('close', () => setImmediate(() => status === undefined && finish({ error: 'connection closed without an answer' })));
      writeBody(req, request);
    });
  }

  /**
   * After the run: every connection still open must be idle and usable — a GET /healthz sent on
   * it is answered on that very socket within `timeoutMs`.
   */
  async checkSockets(timeoutMs: number): Promise<SocketCheck> {
    const check: SocketCheck = { lanes: this.#agents.length, open: 0, answered: 0, stuck: [] };
    // An agent takes a socket back a tick after the answer's end: give the last answers that tick.
    const busy = () => this.#agents.some((agent) => Object.values(agent.sockets).flat().length > 0);
    for (let wait = 0; wait < 20 && busy(); wait += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all(
      this.#agents.map(async (agent, lane) => {
        const busy = Object.values(agent.sockets).flat().length;
        if (busy) check.stuck.push({ lane, problem: `${busy} socket(s) still busy with a request after the run` });
        const idle = Object.values(agent.freeSockets).flat().filter((socket) => socket && !socket.destroyed).length;
        if (!idle) return;
        check.open += idle;
        const probe = await this.send(lane, { method: 'GET', url: '/healthz', headers: {}, chunked: false }, timeoutMs);
        if (probe.status === 200 && probe.reusedSocket) check.answered += 1;
        else if (probe.error && /ECONNRESET|socket hang up/.test(probe.error) && !probe.hung) {
          // The server closed the idle connection just then (its keep-alive timeout): not stuck.
          check.open -= 1;
        } else check.stuck.push({ lane, problem: probe.hung ? `the probe was not answered within ${timeoutMs} ms` : `probe: ${probe.status ?? probe.error}` });
      }),
    );
    return check;
  }

  /** Sockets open now (for the report after the server closed: should be none). */
  openSockets(): number {
    return [...this.#sockets].filter((socket) => !socket.destroyed).length;
  }

  destroy(): void {
    for (const agent of this.#agents) agent.destroy();
    for (const socket of this.#sockets) socket.destroy();
  }
}
