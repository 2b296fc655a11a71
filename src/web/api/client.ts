/**
 * The typed client's transport: JSON (or multipart with files) to /api/v1, the session
 * cookie for staff, and every error as an ApiError carrying the server's stable code, its
 * Thai message and the fields at fault.
 */

export interface FieldProblem {
  field?: string;
  message: string;
  /** The same in Thai, when the server has one (zod's field errors always do). */
  messageTh?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageTh: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message in the reader's language. */
  localMessage(language: string): string {
    return language === 'th' ? this.messageTh || this.message : this.message;
  }

  /**
   * Problems by field path (`location.provinceCode`, `files[0]`); the first one wins. In
   * Thai (`language` 'th') a field's Thai text is shown where the server sent one, else the
   * English; in any other language, or without one, the English.
   */
  fieldErrors(language?: string): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const detail of this.details) {
      if (detail.field && !(detail.field in errors)) errors[detail.field] = (language === 'th' && detail.messageTh) || detail.message;
    }
    return errors;
  }
}

/** What went wrong when the server could not be reached at all. */
export const NETWORK_ERROR_CODE = 'network_error';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON, or as the `payload` field of a multipart body when `files` are given. */
  body?: unknown;
  files?: readonly File[];
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = options.body === undefined && !options.files ? 'GET' : 'POST', body, files, headers = {}, signal } = options;
  let payload: BodyInit | undefined;
  const sendHeaders: Record<string, string> = { accept: 'application/json', ...headers };
  if (files && files.length > 0) {
    const form = new FormData();
    form.append('payload', JSON.stringify(body ?? {}));
    for (const file of files) form.append('files', file, file.name);
    payload = form;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    sendHeaders['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, { method, body: payload, headers: sendHeaders, credentials: 'same-origin', signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, NETWORK_ERROR_CODE, 'Cannot reach the server', 'เชื่อมต่อเซิร์ฟเวอร์ไม่ได้');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) throw toApiError(response.status, data);
  return data as T;
}

/** The bytes of a file the API serves (attachments), for showing behind a header-protected URL. */
export async function apiBlob(path: string, headers: Record<string, string> = {}): Promise<Blob> {
  const response = await fetch(path, { headers, credentials: 'same-origin' });
  if (!response.ok) throw toApiError(response.status, safeJson(await response.text()));
  return response.blob();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(status: number, data: unknown): ApiError {
  const error = (data as { error?: { code?: string; message?: string; messageTh?: string; details?: FieldProblem[] } } | undefined)?.error;
  if (error?.code) return new ApiError(status, error.code, error.message ?? error.code, error.messageTh ?? '', error.details ?? []);
  return new ApiError(status, status >= 500 ? 'server_error' : 'http_error', `HTTP ${status}`, status >= 500 ? 'ระบบขัดข้องชั่วคราว' : 'คำขอไม่สำเร็จ');
}
