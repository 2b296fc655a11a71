/**
 * Answers sent before the request's body was read in full: a refused upload (an unknown part,
 * a file over the limit, 401 before the first part, a spent budget), a body over the limit.
 *
 * HTTP/1.1 reads the next request of a keep-alive connection only after the whole body of this
 * one. A body that nobody reads any more keeps the connection stuck: the client's next request
 * is never answered, and a shutdown waits for the socket. So a small rest (at most
 * `drainLimitBytes` declared) is read and thrown away, within `drainTimeoutMs`, and the
 * connection stays usable; anything larger, of unknown length, or from a client dropped for
 * sending too slowly gets `Connection: close` and the socket ends after the answer.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface UnreadBodyLimits {
  drainLimitBytes: number;
  drainTimeoutMs: number;
}

const DEFAULT_UNREAD_BODY_LIMITS: UnreadBodyLimits = { drainLimitBytes: 1024 * 1024, drainTimeoutMs: 5_000 };

/** Statuses after which the client is not worth waiting for. */
const CLOSE_AFTER = new Set([408]);

export function registerUnreadBodyHandling(app: FastifyInstance, limits: UnreadBodyLimits = DEFAULT_UNREAD_BODY_LIMITS): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const raw = request.raw;
    // `complete` is false only on a real request whose body has not fully arrived.
    if (raw.complete !== false || !declaresBody(request)) return payload;
    const declared = Number(request.headers['content-length']);
    const drain = !CLOSE_AFTER.has(reply.statusCode) && Number.isSafeInteger(declared) && declared <= limits.drainLimitBytes;
    if (drain) reply.raw.once('finish', () => drainBody(raw, limits.drainTimeoutMs));
    else void reply.header('connection', 'close');
    return payload;
  });
}

function declaresBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Reads what is left of the body into nothing; a client too slow to finish loses the connection. */
function drainBody(raw: IncomingMessage, timeoutMs: number): void {
  if (raw.complete || raw.destroyed) return;
  const timer = setTimeout(() => raw.socket?.destroy(), timeoutMs);
  timer.unref();
  const done = () => clearTimeout(timer);
  raw.once('end', done);
  raw.once('close', done);
  raw.unpipe();
  raw.resume();
}
