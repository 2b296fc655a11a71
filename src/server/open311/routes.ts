/**
 * Open311 GeoReport v2 under /open311/v2/ (wiki.open311.org/GeoReport_v2 and Service_Discovery):
 * discovery, services and their definitions, POST and GET requests, a request, tokens — each in
 * XML and JSON by the path's extension, errors in the specification's own format. Only cases
 * apps filed are served, and nothing of their complainants.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Open311JurisdictionQuerySchema, Open311RequestBodySchema, Open311RequestQuerySchema } from '../../shared/api/open311.ts';
import type { AppContext } from '../platform/context.ts';
import { BODY_LIMIT_BYTES } from '../platform/http.ts';
import { rateLimitPerMinute } from '../platform/rate-limit.ts';
import type { Open311AppRecord } from './app-queries.ts';
import { findAppByKey, open311KeyHash } from './apps.ts';
import { fromValidation, invalidApiKey, missingApiKey, open311Error, toOpen311Error, unknownJurisdiction, unknownRequest, unknownService } from './errors.ts';
import { fileOpen311Request } from './file-request.ts';
import { normaliseJsonBody, parseFormBody } from './form-body.ts';
import { CONTENT_TYPES, errorDocument, formatOfPath, OPEN311_FORMATS, renderOpen311, type Open311Document, type Open311Format } from './format.ts';
import { findTrackingCodeByToken, listRequestFacts, listServiceCategories } from './request-queries.ts';
import { caseStatusesOf, presentRequest } from './request-view.ts';
import { presentServiceDefinition, presentServices } from './services.ts';

const PREFIX = '/open311/v2';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** GET requests answers at most this many, and by default the last 90 days, as the specification suggests. */
const MAX_REQUESTS = 1000;
const DEFAULT_DAYS = 90;
const schema = { tags: ['open311'] };

declare module 'fastify' {
  interface FastifyRequest {
    /** The app whose api_key came with the request (POST requests). */
    open311App?: Open311AppRecord;
  }
}

export async function registerOpen311Routes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Services change with the categories, which change with a new release: the start is the changeset.
  const changeset = new Date(ctx.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  await app.register(
    async (scope) => {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, async (_request: FastifyRequest, body: string) => parseFormBody(body));
      scope.setErrorHandler((error, request, reply) => {
        const open311 = toOpen311Error(error);
        if (open311.status >= 500) request.log.error({ err: error }, 'open311 request failed');
        return send(reply, formatOf(request), errorDocument(open311.errors), open311.status);
      });
      scope.setNotFoundHandler((request, reply) =>
        send(reply, formatOf(request), errorDocument(open311Error(404, `No method ${request.method} ${request.url.split('?')[0]}`, 'ไม่พบบริการที่เรียก').errors), 404),
      );

      for (const format of OPEN311_FORMATS) {
        scope.get(`/discovery.${format}`, { schema: { ...schema, summary: `Service discovery (${format})` } }, async (request, reply) => {
          const base = `${(ctx.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/$/, '')}${PREFIX}`;
          return send(reply, format, {
            root: 'discovery',
            value: {
              changeset,
              contact: 'ผู้ดูแลระบบร้องทุกข์ของหน่วยงาน (the agency\'s Rongthuk administrator)',
              key_service: 'api_key ออกให้ต่อแอปโดยผู้ดูแลระบบ: rongthuk open311 key add --name APP (issued per app by the administrator)',
              endpoints: [{ specification: SPECIFICATION, url: base, changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
            },
          });
        });

        scope.get(`/services.${format}`, { schema: { ...schema, summary: `Services: our categories (${format})` } }, async (request, reply) => {
          checkJurisdiction(ctx, readQuery(request.query).jurisdiction_id, 404);
          return send(reply, format, { root: 'services', item: 'service', value: presentServices(await listServiceCategories(ctx.db)) });
        });

        scope.post(
          `/requests.${format}`,
          {
            schema: { ...schema, summary: `File a service request (${format}): form-encoded as the specification says, or JSON; api_key required` },
            config: rateLimitPerMinute(ctx.config.publicWritesPerMinute, (request) => `open311:${open311KeyHash(String(bodyField(request, 'api_key') ?? request.ip))}`),
            // The key first: an unknown app learns nothing of what else is wrong.
            preValidation: async (request) => {
              checkJurisdiction(ctx, stringOrUndefined(bodyField(request, 'jurisdiction_id') ?? queryField(request, 'jurisdiction_id')), 400);
              const apiKey = stringOrUndefined(bodyField(request, 'api_key') ?? queryField(request, 'api_key'));
              if (!apiKey) throw missingApiKey();
              const found = await findAppByKey(ctx.db, apiKey);
              if (!found) throw invalidApiKey();
              request.open311App = found;
            },
          },
          async (request, reply) => {
            const sent = request.headers['content-type']?.startsWith('application/json') ? normaliseJsonBody(request.body) : request.body;
            const parsed = Open311RequestBodySchema.safeParse(sent ?? {});
            if (!parsed.success) throw fromValidation(parsed.error, sent);
            const filedBy = request.open311App;
            if (!filedBy) throw invalidApiKey();
            const filed = await fileOpen311Request(ctx, { app: filedBy, body: parsed.data });
            return send(reply, format, {
              root: 'service_requests',
              item: 'request',
              value: [{ service_request_id: filed.trackingCode, token: filed.caseId, service_notice: filed.serviceNotice, account_id: null }],
            });
          },
        );

        scope.get(`/requests.${format}`, { schema: { ...schema, summary: `Service requests filed through apps, with the specification's filters (${format})` } }, async (request, reply) => {
          const parsed = Open311RequestQuerySchema.safeParse(request.query ?? {});
          if (!parsed.success) throw fromValidation(parsed.error, request.query);
          const query = parsed.data;
          checkJurisdiction(ctx, query.jurisdiction_id, 404);
          // A list of ids stands alone: the other filters do not apply to it.
          const byId = query.service_request_id !== undefined;
          const to = query.end_date ? new Date(query.end_date) : undefined;
          const from = query.start_date ? new Date(query.start_date) : new Date((to ?? ctx.now()).getTime() - DEFAULT_DAYS * 86_400_000);
          const facts = await listRequestFacts(ctx.db, {
            trackingCodes: query.service_request_id,
            ...(byId ? {} : { categoryCode: query.service_code, from, to, statuses: query.status && caseStatusesOf(query.status) }),
            limit: MAX_REQUESTS,
          });
          return send(reply, format, { root: 'service_requests', item: 'request', value: facts.map((row) => presentRequest(row, ctx.config.officeHours.end)) });
        });
      }

      scope.get('/services/:file', { schema: { ...schema, summary: 'A service definition: services/{service_code}.xml or .json' } }, async (request, reply) => {
        const { id: code, format } = fileParam(request);
        checkJurisdiction(ctx, readQuery(request.query).jurisdiction_id, 404);
        const [service] = await listServiceCategories(ctx.db, code);
        if (!service) throw unknownService(404, code);
        return send(reply, format, { root: 'service_definition', value: presentServiceDefinition(service) });
      });

      scope.get('/requests/:file', { schema: { ...schema, summary: 'One service request: requests/{service_request_id}.xml or .json' } }, async (request, reply) => {
        const { id, format } = fileParam(request);
        checkJurisdiction(ctx, readQuery(request.query).jurisdiction_id, 404);
        const [facts] = await listRequestFacts(ctx.db, { trackingCodes: [id], limit: 1 });
        if (!facts) throw unknownRequest(id);
        return send(reply, format, { root: 'service_requests', item: 'request', value: [presentRequest(facts, ctx.config.officeHours.end)] });
      });

      scope.get('/tokens/:file', { schema: { ...schema, summary: 'The service request a token stands for: tokens/{token}.xml or .json' } }, async (request, reply) => {
        const { id: token, format } = fileParam(request);
        checkJurisdiction(ctx, readQuery(request.query).jurisdiction_id, 404);
        const trackingCode = UUID.test(token) ? await findTrackingCodeByToken(ctx.db, token) : undefined;
        if (!trackingCode) throw open311Error(404, `token ${token} was not found`, `ไม่พบ token ${token}`);
        return send(reply, format, { root: 'service_requests', item: 'request', value: [{ service_request_id: trackingCode, token }] });
      });
    },
    { prefix: PREFIX },
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function send(reply: FastifyReply, format: Open311Format, document: Open311Document, status = 200): FastifyReply {
  return reply.code(status).type(CONTENT_TYPES[format]).send(renderOpen311(format, document));
}

/** The format the path names; XML, the specification's required one, where it names none. */
function formatOf(request: FastifyRequest): Open311Format {
  return formatOfPath(request.url) ?? 'xml';
}

/** `{service_code}.json` → the code and the format; 404 without a known extension. */
function fileParam(request: FastifyRequest): { id: string; format: Open311Format } {
  const file = (request.params as { file: string }).file;
  const format = formatOfPath(file);
  if (!format) throw open311Error(404, 'Name the format: .xml or .json', 'กรุณาระบุรูปแบบ .xml หรือ .json');
  return { id: file.slice(0, -(format.length + 1)), format };
}

/** We serve one jurisdiction, named by this instance's code: none given is ours too. */
function checkJurisdiction(ctx: AppContext, jurisdictionId: string | undefined, status: number): void {
  if (jurisdictionId !== undefined && jurisdictionId !== '' && jurisdictionId !== ctx.config.instanceCode) throw unknownJurisdiction(status, jurisdictionId);
}

function readQuery(query: unknown): { jurisdiction_id?: string | undefined } {
  const parsed = Open311JurisdictionQuerySchema.safeParse(query ?? {});
  if (!parsed.success) throw fromValidation(parsed.error, query);
  return parsed.data;
}

function bodyField(request: FastifyRequest, name: string): unknown {
  const body = request.body;
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
}

function queryField(request: FastifyRequest, name: string): unknown {
  return (request.query as Record<string, unknown> | undefined)?.[name];
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
