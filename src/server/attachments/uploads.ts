/**
 * Multipart intake, one contract for every endpoint that takes files: Content-Type
 * multipart/form-data, a text field `payload` holding the JSON the endpoint takes otherwise,
 * and 0..maxFiles file parts named `files`. A preValidation hook reads the parts within the
 * limits, puts the parsed payload in `request.body` (so the route's zod schema checks it as
 * it checks JSON) and keeps the files on `request.uploads` for the handler.
 *
 * Files are held in memory until the response is sent, so nothing is read before it is known
 * to be wanted: a staff endpoint refuses a caller who is not signed in before the first part,
 * and every multipart request takes its largest possible size from one budget of the process
 * first (refused with 503 and Retry-After when the budget is spent), so many requests at once
 * cannot fill the memory. One client address holds at most half of the budget (429 beyond it),
 * and an upload that brings fewer than a kilobyte a second over ten seconds is dropped (408),
 * so a few clients trickling bytes cannot starve everyone else's attachments.
 */
import { finished } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isSessionPath } from '../agencies/sessions.ts';
import type { Config } from '../platform/config.ts';
import { AppError, invalidInput, payloadTooLarge, unauthenticated } from '../platform/errors.ts';
import { ByteBudget, watchReceiveRate, type ReceiveRateLimit } from './concurrency.ts';
import type { IncomingFile } from './file-checks.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Files of a multipart request, in the order sent; null for JSON. */
    uploads: IncomingFile[] | null;
  }
  interface FastifyContextConfig {
    /** The route takes multipart/form-data with files (see uploads.ts); others refuse it. */
    acceptsFiles?: boolean;
  }
}

export const PAYLOAD_FIELD = 'payload';
export const FILES_FIELD = 'files';
/** The `payload` field may be as large as a JSON body (BODY_LIMIT_BYTES in http.ts). */
const PAYLOAD_LIMIT_BYTES = 256 * 1024;
/** Parts other than files a client may send before it is cut off: payload and a few strays to name. */
const MAX_FIELDS = 4;
/** How many uploads of the largest size may be read at once; smaller ones share the budget. */
const LARGEST_UPLOADS_AT_ONCE = 4;
/** How many of those largest uploads one client address may have in the budget at once. */
const LARGEST_UPLOADS_PER_ADDRESS = 2;
/** Seconds a client refused for a spent budget is asked to wait. */
const RETRY_AFTER_SECONDS = 5;

/** Bounds on what uploads may hold, beyond the sizes in the configuration. */
export interface UploadLimits {
  /** Bytes of the budget one client address may hold at once. */
  perAddressBytes: number;
  /** The least an upload must bring in every window, or it is dropped. */
  receiveRate: ReceiveRateLimit;
}

/** The limits the app runs with: half of the budget per address, at least 1 KiB/s over 10 s. */
export function defaultUploadLimits(config: Config): UploadLimits {
  return {
    perAddressBytes: LARGEST_UPLOADS_PER_ADDRESS * largestRequestBytes(config, undefined),
    receiveRate: { windowMs: 10_000, minBytesPerWindow: 10 * 1024 },
  };
}

/** Registers @fastify/multipart and the intake hook; call before the routes are registered. */
export async function registerUploads(app: FastifyInstance, config: Config, limits: UploadLimits = defaultUploadLimits(config)): Promise<void> {
  await app.register(fastifyMultipart, { limits: limitsFor(config) });
  app.decorateRequest('uploads', null);
  const budget = new ByteBudget(uploadBudgetBytes(config), limits.perAddressBytes);
  app.addHook('preValidation', async (request, reply) => {
    if (!request.isMultipart()) return;
    if (!request.routeOptions.config.acceptsFiles) {
      throw new AppError(415, 'unsupported_media_type', 'This endpoint takes JSON only, not multipart/form-data', 'รูปแบบข้อมูลไม่รองรับ กรุณาส่งเป็น JSON');
    }
    // Without a boundary the parts cannot be told apart (the parser would throw on its own).
    if (!MULTIPART_BOUNDARY.test(request.headers['content-type'] ?? '')) {
      throw invalidInput(
        [{ field: 'content-type', message: 'multipart/form-data needs a boundary parameter', messageTh: 'ส่วนหัว Content-Type ของ multipart/form-data ต้องมีค่า boundary' }],
        'Content-Type multipart/form-data without a boundary',
      );
    }
    // The session hook (onRequest) has run: a staff endpoint's caller is known before any byte is read.
    if (isSessionPath(request.routeOptions.url ?? request.url) && !request.authUser) throw unauthenticated();
    // A compressed upload would be read by nothing (multipart reads the raw stream) and hold its share for good.
    const encoding = request.headers['content-encoding'];
    if (encoding && encoding.toLowerCase() !== 'identity') {
      throw new AppError(415, 'unsupported_media_type', 'Uploads are taken without Content-Encoding', 'ไม่รับไฟล์ที่ส่งแบบบีบอัด (Content-Encoding)');
    }
    // A client gone while earlier hooks waited would never send 'close' again: take nothing for it.
    if (request.raw.destroyed || reply.raw.destroyed) return;
    const taken = budget.take(largestRequestBytes(config, request.headers['content-length']), request.ip);
    if (!taken.ok) {
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      throw taken.reason === 'key_share_spent' ? uploadsOfAddressBusy() : uploadsBusy();
    }
    // finished() calls back however the response ends — sent, cut off, or already closed.
    finished(reply.raw, () => taken.release());
    const { payload, files } = await readPartsSteadily(request, config, limits.receiveRate);
    request.body = payload;
    request.uploads = files;
  });
}

/** A boundary parameter in a Content-Type header, quoted or not. */
const MULTIPART_BOUNDARY = /;\s*boundary\s*=\s*("[^"]+"|[^;\s]+)/i;

/**
 * Reads the parts, or gives up with 408 when the client sends too slowly. The parts left
 * unread end with the connection, which is closed after the answer (see unread-bodies.ts).
 */
async function readPartsSteadily(request: FastifyRequest, config: Config, rate: ReceiveRateLimit): Promise<{ payload: unknown; files: IncomingFile[] }> {
  const socket = request.raw.socket as { bytesRead?: unknown } | null | undefined;
  // Only a real connection counts bytes (not an injected request).
  if (typeof socket?.bytesRead !== 'number') return readParts(request, config);
  let giveUp: (error: AppError) => void = () => {};
  const tooSlow = new Promise<never>((_resolve, reject) => {
    giveUp = reject;
  });
  const stop = watchReceiveRate(() => Number(socket.bytesRead), rate, () => giveUp(uploadTooSlow(rate)));
  try {
    return await Promise.race([readParts(request, config), tooSlow]);
  } finally {
    stop();
  }
}

/** The files a request brought: none for a JSON request. */
export function uploadsOf(request: FastifyRequest): IncomingFile[] {
  return request.uploads ?? [];
}

/** The multipart contract as the OpenAPI description of an endpoint that takes files says it. */
export function multipartDescription(config: Config): string {
  const megabytes = Math.round((config.maxFileBytes / (1024 * 1024)) * 10) / 10;
  return (
    'Takes application/json, or multipart/form-data to attach files (ไฟล์แนบ): the same JSON as a text field `payload`, ' +
    `and up to ${config.maxFiles} file parts named \`files\`, at most ${megabytes} MB each. JPEG, PNG and WebP images and PDF ` +
    'documents are accepted, judged by their content, not their name; images are re-encoded upright without metadata (EXIF, GPS). ' +
    'Errors name the field: `payload`, `files`, or `files[i]` for the i-th file (0-based); a file over the limit is a 413.'
  );
}

/** The bytes of uploads the process reads at once, at most. */
export function uploadBudgetBytes(config: Config): number {
  return LARGEST_UPLOADS_AT_ONCE * largestRequestBytes(config, undefined);
}

/**
 * The most a multipart request can hold in memory: every file at its limit and the payload,
 * or less when its Content-Length says so (parts are never larger than the body).
 */
export function largestRequestBytes(config: Config, contentLength: string | undefined): number {
  const largest = config.maxFiles * config.maxFileBytes + PAYLOAD_LIMIT_BYTES;
  const declared = contentLength === undefined ? Number.NaN : Number(contentLength);
  return Number.isSafeInteger(declared) && declared >= 0 ? Math.min(declared, largest) : largest;
}

function uploadsBusy(): AppError {
  return new AppError(
    503,
    'uploads_busy',
    `Too many files are being received right now: try again in ${RETRY_AFTER_SECONDS} seconds`,
    `ขณะนี้มีผู้ส่งไฟล์แนบจำนวนมาก กรุณาลองใหม่อีกครั้งในอีก ${RETRY_AFTER_SECONDS} วินาที`,
  );
}

function uploadsOfAddressBusy(): AppError {
  return new AppError(
    429,
    'uploads_per_address',
    `This address is already sending as many files as one address may: try again in ${RETRY_AFTER_SECONDS} seconds`,
    `ขณะนี้มีการส่งไฟล์แนบจากเครื่องหรือเครือข่ายเดียวกันนี้มากเกินไป กรุณาลองใหม่อีกครั้งในอีก ${RETRY_AFTER_SECONDS} วินาที`,
  );
}

function uploadTooSlow(rate: ReceiveRateLimit): AppError {
  const seconds = Math.round(rate.windowMs / 1000);
  return new AppError(
    408,
    'upload_too_slow',
    `The upload was dropped: fewer than ${rate.minBytesPerWindow} bytes arrived in ${seconds} seconds`,
    `การส่งไฟล์ถูกยกเลิก เนื่องจากได้รับข้อมูลน้อยกว่า ${rate.minBytesPerWindow} ไบต์ภายใน ${seconds} วินาที กรุณาตรวจสอบการเชื่อมต่อแล้วส่งใหม่`,
  );
}

function limitsFor(config: Config) {
  return {
    fileSize: config.maxFileBytes,
    files: config.maxFiles,
    fields: MAX_FIELDS,
    fieldSize: PAYLOAD_LIMIT_BYTES,
    parts: config.maxFiles + MAX_FIELDS,
  };
}

async function readParts(request: FastifyRequest, config: Config): Promise<{ payload: unknown; files: IncomingFile[] }> {
  const files: IncomingFile[] = [];
  let payload: { value: unknown } | undefined;
  let current = FILES_FIELD;
  try {
    // The plugin's limits (limitsFor, at registration) apply to every request.
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== FILES_FIELD) {
          part.file.resume();
          const hint =
            part.fieldname === PAYLOAD_FIELD
              ? { message: 'send payload as a text field, not a file', messageTh: 'ส่ง payload เป็นข้อความ ไม่ใช่ไฟล์' }
              : { message: 'files go in parts named files', messageTh: 'ไฟล์แนบต้องส่งในส่วนที่ชื่อ files' };
          throw invalidInput([{ field: part.fieldname, ...hint }]);
        }
        current = `${FILES_FIELD}[${files.length}]`;
        const bytes = await part.toBuffer();
        files.push({ field: current, clientName: part.filename || undefined, bytes });
        continue;
      }
      if (part.fieldname !== PAYLOAD_FIELD) {
        throw invalidInput([{ field: part.fieldname, message: 'unknown field: the JSON goes in payload, files in files', messageTh: 'ไม่รู้จักส่วนนี้ ข้อมูล JSON ต้องอยู่ใน payload และไฟล์แนบอยู่ใน files' }]);
      }
      if (payload) throw invalidInput([{ field: PAYLOAD_FIELD, message: 'send payload once', messageTh: 'ส่ง payload ได้เพียงครั้งเดียว' }]);
      if (part.valueTruncated) throw payloadTooLarge([{ field: PAYLOAD_FIELD, message: `over ${PAYLOAD_LIMIT_BYTES} bytes`, messageTh: `ข้อมูลเกิน ${PAYLOAD_LIMIT_BYTES} ไบต์` }]);
      payload = { value: part.value };
    }
  } catch (error) {
    throw translateLimitError(error, current, config);
  }
  if (!payload) throw invalidInput([{ field: PAYLOAD_FIELD, message: 'required: the JSON of the request as a text field', messageTh: 'ต้องส่ง payload เป็นข้อความ JSON ของคำขอ' }]);
  return { payload: parsePayload(payload.value), files };
}

/** A text field is a string; a part sent as application/json the plugin has parsed already. */
function parsePayload(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw payloadNotJson();
  }
}

function payloadNotJson(): AppError {
  return invalidInput([{ field: PAYLOAD_FIELD, message: 'must be JSON', messageTh: 'payload ต้องเป็น JSON' }]);
}

function translateLimitError(error: unknown, currentField: string, config: Config): unknown {
  if (error instanceof AppError) return error;
  // The client stopped sending mid-part (gave up, or lost the connection): its fault, not ours.
  if (error instanceof Error && /unexpected end of multipart data/i.test(error.message)) {
    return invalidInput([{ field: currentField, message: 'the request ended before this part did', messageTh: 'ข้อมูลที่ส่งมาไม่ครบ กรุณาส่งใหม่อีกครั้ง' }]);
  }
  switch ((error as { code?: string }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return payloadTooLarge([{ field: currentField, message: `the file is over the limit of ${config.maxFileBytes} bytes`, messageTh: `ไฟล์มีขนาดเกิน ${config.maxFileBytes} ไบต์` }], 'A file is too large');
    case 'FST_FILES_LIMIT':
      return invalidInput([{ field: FILES_FIELD, message: `at most ${config.maxFiles} files`, messageTh: `แนบไฟล์ได้ไม่เกิน ${config.maxFiles} ไฟล์` }]);
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return invalidInput([{ field: PAYLOAD_FIELD, message: `only payload and up to ${config.maxFiles} files may be sent`, messageTh: `ส่งได้เฉพาะ payload และไฟล์แนบไม่เกิน ${config.maxFiles} ไฟล์` }]);
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return payloadNotJson();
    default:
      return error;
  }
}
