/**
 * bench/fuzz's map of the API: every operation of the app's own OpenAPI document (method,
 * path template, parameters, JSON body schema, whether it takes files), and the world of
 * things that exist for inputs to name (ids, tracking codes, users), with placeholders for
 * the secrets so that a reproduction never holds a real token or access key.
 */
import type { JsonSchema, KnownValues } from './fuzz-schema.ts';

export interface OpenApiParameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  description?: string;
  security?: Array<Record<string, unknown>>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface ApiRoute {
  /** `POST /api/v1/cases/{id}/actions/screen`: how reports name the route. */
  key: string;
  method: string;
  template: string;
  pathParams: OpenApiParameter[];
  queryParams: OpenApiParameter[];
  /** Header parameters the route documents (x-access-key). */
  headerParams: string[];
  /** The JSON body's schema; undefined when the route takes no body. */
  body: JsonSchema | undefined;
  /** The route takes multipart/form-data with files (its description says so). */
  multipart: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Routes the document hides (schema.hide) but a client reaches all the same. */
export const HIDDEN_ROUTES: readonly ApiRoute[] = ['/healthz', '/readyz', '/api/openapi.json'].map((template) => ({
  key: `GET ${template}`,
  method: 'GET',
  template,
  pathParams: [],
  queryParams: [],
  headerParams: [],
  body: undefined,
  multipart: false,
}));

/** Every operation of the document, in its order, then the hidden routes. */
export function routesOf(document: OpenApiDocument): ApiRoute[] {
  const routes: ApiRoute[] = [];
  for (const [template, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!METHODS.includes(method)) continue;
      const parameters = operation.parameters ?? [];
      const upper = method.toUpperCase();
      routes.push({
        key: `${upper} ${template}`,
        method: upper,
        template,
        pathParams: parameters.filter((parameter) => parameter.in === 'path'),
        queryParams: parameters.filter((parameter) => parameter.in === 'query'),
        headerParams: parameters.filter((parameter) => parameter.in === 'header').map((parameter) => parameter.name.toLowerCase()),
        body: operation.requestBody?.content?.['application/json']?.schema,
        multipart: /multipart\/form-data/.test(operation.description ?? ''),
      });
    }
  }
  return [...routes, ...HIDDEN_ROUTES];
}

/** Every query parameter name of the document: keys for free-form objects (a saved filter's query). */
export function queryParameterNames(routes: readonly ApiRoute[]): string[] {
  return [...new Set(routes.flatMap((route) => route.queryParams.map((parameter) => parameter.name)))];
}

/**
 * What exists on the server for inputs to name. Pools are keyed by the path segment before a
 * parameter (`cases` for /cases/{id}, `complaints` for /public/complaints/{trackingCode}).
 */
export interface FuzzWorld {
  /** Usernames with a session: `{{token:NAME}}` in a header stands for its token. */
  users: readonly string[];
  pools: Readonly<Record<string, readonly string[]>>;
  /** The tracking codes of pools.complaints have access keys: `{{accessKey:I}}` is the I-th one's. */
  known: KnownValues;
  /** Bounds of the server, for inputs just over them. */
  limits: { bodyLimitBytes: number; maxFileBytes: number; maxFiles: number };
}

/** The secrets placeholders stand for, and the server's origin (`{{origin}}`). */
export interface FuzzSecrets {
  tokens: ReadonlyMap<string, string>;
  accessKeys: readonly string[];
  origin: string;
}

const PLACEHOLDER = /\{\{(token|accessKey|origin)(?::([^}]*))?\}\}/g;

/** A header value with its placeholders replaced; `token` supplies a session token (a fresh one for sign-out). */
export function fillPlaceholders(value: string, secrets: FuzzSecrets, token: (username: string) => string | undefined = (username) => secrets.tokens.get(username)): string {
  return value.replace(PLACEHOLDER, (whole, kind: string, argument: string | undefined) => {
    if (kind === 'origin') return secrets.origin;
    if (kind === 'token') return token(argument ?? '') ?? whole;
    return secrets.accessKeys[Number(argument)] ?? whole;
  });
}

/** The usernames whose tokens a request's headers name. */
export function tokenUsers(headers: Readonly<Record<string, string>>): string[] {
  const users = new Set<string>();
  for (const value of Object.values(headers)) for (const match of value.matchAll(PLACEHOLDER)) if (match[1] === 'token' && match[2]) users.add(match[2]);
  return [...users];
}
