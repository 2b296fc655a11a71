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

/**
 * 403. A reason in English comes with the same reason in Thai, facts (limits, codes) and all:
 * the web app shows the Thai, and a Thai reader must learn what an API client learns.
 */
export function forbidden(): AppError;
export function forbidden(message: string, messageTh: string): AppError;
export function forbidden(message = 'Your role does not allow this action', messageTh = 'บทบาทของท่านไม่มีสิทธิ์ดำเนินการนี้'): AppError {
  return new AppError(403, 'forbidden', message, messageTh);
}

/**
 * 404: also what a user gets for a case outside their scope, so its existence does not leak.
 * `what` names the thing in English ("Case"), `whatTh` in Thai ("เรื่อง").
 */
export function notFound(): AppError;
export function notFound(what: string, whatTh: string): AppError;
export function notFound(what = 'Resource', whatTh = 'ข้อมูลที่ต้องการ'): AppError {
  return new AppError(404, 'not_found', `${what} not found`, `ไม่พบ${whatTh}`);
}

export function conflict(code: string, message: string, messageTh: string, details: ErrorDetail[] = []): AppError {
  return new AppError(409, code, message, messageTh, details);
}

/** 413: a part of the request (an attached file, a field) is over its limit; details name it. */
export function payloadTooLarge(details: ErrorDetail[], message = 'Part of the request is too large'): AppError {
  return new AppError(413, 'payload_too_large', message, 'ข้อมูลที่ส่งมามีขนาดใหญ่เกินกำหนด', details);
}

/** 403 to a role that does not work on cases at all (administrators: PDPA, no need to know). */
export function noCaseWork(): AppError {
  return forbidden('Your role does not work on cases', 'บทบาทของท่านไม่ได้ทำงานกับเรื่องร้องเรียน');
}
