/**
 * Errors as Open311 GeoReport v2 gives them — a list of `{ code, description }` with the HTTP
 * status as the code — instead of our own shape: the specification prescribes its own. The
 * description names the field in the specification's words and says it in English and Thai.
 */
import type { z } from 'zod';
import { AppError, type ErrorDetail } from '../platform/errors.ts';
import { thaiIssueMessage } from '../platform/thai-messages.ts';
import type { Open311ErrorItem } from './format.ts';

export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly Open311ErrorItem[],
  ) {
    super(errors.map((error) => error.description).join('; '));
    this.name = 'Open311Error';
  }
}

/** One error of `status`, its description in English and Thai. */
export function open311Error(status: number, message: string, messageTh: string): Open311Error {
  return new Open311Error(status, [{ code: status, description: `${message} / ${messageTh}` }]);
}

export const missingApiKey = () => open311Error(403, 'api_key was not provided', 'ไม่ได้ส่ง api_key');
export const invalidApiKey = () => open311Error(403, 'api_key is not valid (unknown or revoked)', 'api_key ไม่ถูกต้องหรือถูกยกเลิกแล้ว');
export const unknownJurisdiction = (status: number, id: string) => open311Error(status, `jurisdiction_id ${id} was not found`, `ไม่พบ jurisdiction_id ${id}`);
export const unknownService = (status: number, code: string) => open311Error(status, `service_code ${code} was not found`, `ไม่พบบริการ (ประเภทเรื่อง) รหัส ${code}`);
export const unknownRequest = (id: string) => open311Error(404, `service_request_id ${id} was not found`, `ไม่พบเรื่องเลขที่ ${id}`);

/** A field's name in our use cases, as the specification names it in a request. */
const SPEC_FIELD: Readonly<Record<string, string>> = {
  description: 'description',
  title: 'attribute[title]',
  categoryCode: 'service_code',
  'complainant.name': 'first_name',
  'complainant.phone': 'phone',
  'complainant.email': 'email',
  'location.provinceCode': 'attribute[province_code]',
  'location.districtCode': 'attribute[district_code]',
  'location.address': 'address_string',
  'location.lat': 'lat',
  'location.lon': 'long',
};

/** 400 listing the fields at fault, from a zod validation of what the app sent. */
export function fromValidation(error: z.ZodError, sent: unknown): Open311Error {
  return new Open311Error(
    400,
    error.issues.map((issue) => {
      const path = issue.path.map(String);
      const field = path[0] === 'attribute' && path.length > 1 ? `attribute[${path[1]}]` : path.join('.') || 'body';
      const messageTh = thaiIssueMessage({ ...(issue as object as Omit<Parameters<typeof thaiIssueMessage>[0], 'input'>), input: valueAt(sent, path) });
      return { code: 400, description: `${field}: ${issue.message} / ${messageTh}` };
    }),
  );
}

/** The error an Open311 client gets for whatever went wrong; 5xx never says more than that. */
export function toOpen311Error(error: unknown): Open311Error {
  if (error instanceof Open311Error) return error;
  if (error instanceof AppError && error.status < 500) {
    const details: ErrorDetail[] = error.details.length ? error.details : [{ message: error.message, messageTh: error.messageTh }];
    return new Open311Error(
      error.status,
      details.map((detail) => {
        const field = detail.field === undefined ? '' : `${SPEC_FIELD[detail.field] ?? detail.field}: `;
        return { code: error.status, description: `${field}${detail.message}${detail.messageTh ? ` / ${detail.messageTh}` : ''}` };
      }),
    );
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  // Fastify's own refusals (a body too large, a content type it does not take).
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return open311Error(status, (error as Error).message, status === 413 ? 'คำขอมีขนาดใหญ่เกินกำหนด' : 'คำขอไม่ถูกต้อง');
  }
  return open311Error(500, 'Something went wrong on our side', 'ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง');
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}
