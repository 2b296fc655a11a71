/**
 * The errors a use case may raise, each with a stable code and HTTP status. Messages are
 * English for API clients with a Thai text for people; 5xx details never reach users.
 */

export interface ErrorDetail {
  /** Dotted path of the field at fault, e.g. `location.provinceCode`. */
  field?: string;
  message: string;
  /** The same in Thai, for people (the web app shows it); English `message` stays for API clients. */
  messageTh?: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageTh: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** 400: a field is wrong in a way the schema could not tell (e.g. an unknown province code). */
export function invalidInput(details: ErrorDetail[], message = 'The request has invalid fields'): AppError {
  return new AppError(400, 'validation_failed', message, 'ข้อมูลที่ส่งมาไม่ถูกต้อง', details);
}

export function unauthenticated(): AppError {
  return new AppError(401, 'unauthenticated', 'Sign-in required', 'กรุณาเข้าสู่ระบบ');
}

export function forbidden(message = 'Your role does not allow this action'): AppError {
  return new AppError(403, 'forbidden', message, 'บทบาทของท่านไม่มีสิทธิ์ดำเนินการนี้');
}

/** 404: also what a user gets for a case outside their scope, so its existence does not leak. */
export function notFound(what = 'Resource'): AppError {
  return new AppError(404, 'not_found', `${what} not found`, 'ไม่พบข้อมูลที่ต้องการ');
}

export function conflict(code: string, message: string, messageTh: string, details: ErrorDetail[] = []): AppError {
  return new AppError(409, code, message, messageTh, details);
}

/** 413: a part of the request (an attached file, a field) is over its limit; details name it. */
export function payloadTooLarge(details: ErrorDetail[], message = 'Part of the request is too large'): AppError {
  return new AppError(413, 'payload_too_large', message, 'ข้อมูลที่ส่งมามีขนาดใหญ่เกินกำหนด', details);
}
