/**
 * Multipart intake, one contract for every endpoint that takes files: Content-Type
 * multipart/form-data, a text field `payload` holding the JSON the endpoint takes otherwise,
 * and 0..maxFiles file parts named `files`. A preValidation hook reads the parts within the
 * limits, puts the parsed payload in `request.body` (so the route's zod schema checks it as
 * it checks JSON) and keeps the files on `request.uploads` for the handler.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../platform/config.ts';
import { AppError, invalidInput, payloadTooLarge } from '../platform/errors.ts';
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

/** Registers @fastify/multipart and the intake hook; call before the routes are registered. */
export async function registerUploads(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(fastifyMultipart, { limits: limitsFor(config) });
  app.decorateRequest('uploads', null);
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    if (!request.routeOptions.config.acceptsFiles) {
      throw new AppError(415, 'unsupported_media_type', 'This endpoint takes JSON only, not multipart/form-data', 'รูปแบบข้อมูลไม่รองรับ กรุณาส่งเป็น JSON');
    }
    const { payload, files } = await readParts(request, config);
    request.body = payload;
    request.uploads = files;
  });
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
    for await (const part of request.parts({ limits: limitsFor(config) })) {
      if (part.type === 'file') {
        if (part.fieldname !== FILES_FIELD) {
          part.file.resume();
          const hint = part.fieldname === PAYLOAD_FIELD ? 'send payload as a text field, not a file' : 'files go in parts named files';
          throw invalidInput([{ field: part.fieldname, message: hint }]);
        }
        current = `${FILES_FIELD}[${files.length}]`;
        const bytes = await part.toBuffer();
        files.push({ field: current, clientName: part.filename || undefined, bytes });
        continue;
      }
      if (part.fieldname !== PAYLOAD_FIELD) {
        throw invalidInput([{ field: part.fieldname, message: 'unknown field: the JSON goes in payload, files in files' }]);
      }
      if (payload) throw invalidInput([{ field: PAYLOAD_FIELD, message: 'send payload once' }]);
      if (part.valueTruncated) throw payloadTooLarge([{ field: PAYLOAD_FIELD, message: `over ${PAYLOAD_LIMIT_BYTES} bytes` }]);
      payload = { value: part.value };
    }
  } catch (error) {
    throw translateLimitError(error, current, config);
  }
  if (!payload) throw invalidInput([{ field: PAYLOAD_FIELD, message: 'required: the JSON of the request as a text field' }]);
  return { payload: parsePayload(payload.value), files };
}

/** A text field is a string; a part sent as application/json the plugin has parsed already. */
function parsePayload(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw invalidInput([{ field: PAYLOAD_FIELD, message: 'must be JSON' }]);
  }
}

function translateLimitError(error: unknown, currentField: string, config: Config): unknown {
  if (error instanceof AppError) return error;
  switch ((error as { code?: string }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return payloadTooLarge([{ field: currentField, message: `the file is over the limit of ${config.maxFileBytes} bytes` }], 'A file is too large');
    case 'FST_FILES_LIMIT':
      return invalidInput([{ field: FILES_FIELD, message: `at most ${config.maxFiles} files` }]);
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return invalidInput([{ field: PAYLOAD_FIELD, message: `only payload and up to ${config.maxFiles} files may be sent` }]);
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return invalidInput([{ field: PAYLOAD_FIELD, message: 'must be JSON' }]);
    default:
      return error;
  }
}
