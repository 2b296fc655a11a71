/**
 * POST requests: an app files a service request, which becomes a case like any other — through
 * the intake use case (create-case.ts), so triage, the deadline, the rollups and the audit
 * record happen as for a complaint filed on our website. Its channel is `open311_app` and the
 * case names the app. What the app says of the person (first_name, last_name, phone, email)
 * becomes the complainant's identity, encrypted; without any, the complaint is anonymous.
 */
import type { Open311RequestBody } from '../../shared/api/open311.ts';
import type { ComplaintInput } from '../cases/commands/create-case.ts';
import { createCase } from '../cases/commands/create-case.ts';
import type { ComplainantIdentity } from '../cases/identity.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import type { Open311AppRecord } from './app-queries.ts';
import { Open311Error, toOpen311Error, unknownService } from './errors.ts';
import { listServiceCategories } from './request-queries.ts';
import { serviceNotice } from './request-view.ts';
import { ATTRIBUTE_CODES } from './services.ts';

export interface FiledRequest {
  caseId: string;
  trackingCode: string;
  serviceNotice: string | null;
}

export async function fileOpen311Request(ctx: AppContext, options: { app: Open311AppRecord; body: Open311RequestBody }): Promise<FiledRequest> {
  const { app, body } = options;
  const [service] = await listServiceCategories(ctx.db, body.service_code);
  if (!service) throw unknownService(400, body.service_code);
  const input = complaintOf(body, app);
  try {
    const created = await createCase(ctx, { input });
    return { caseId: created.id, trackingCode: created.trackingCode, serviceNotice: serviceNotice(created.status, created.dueDate) };
  } catch (error) {
    // A phone that is not Thai, a district outside the province: named as the app named it.
    if (error instanceof AppError && error.status < 500) throw toOpen311Error(error);
    throw error;
  }
}

/** The complaint an Open311 request stands for; 400 for a request without a place or with attributes we do not define. */
export function complaintOf(body: Open311RequestBody, app: { id: string; name: string }): ComplaintInput {
  const problems: string[] = [];
  const hasPoint = body.lat !== undefined || body.long !== undefined;
  if (hasPoint && (body.lat === undefined || body.long === undefined)) problems.push('lat, long: go together / ต้องส่ง lat และ long คู่กัน');
  if (!hasPoint && body.address_string === undefined && body.address_id === undefined) {
    problems.push('lat, long, address_string: a location is required (lat and long, or address_string) / ต้องระบุสถานที่เกิดเหตุ (lat และ long หรือ address_string)');
  }
  const attributes = readAttributes(body.attribute ?? {}, problems);
  if (problems.length) throw new Open311Error(400, problems.map((description) => ({ code: 400, description })));

  const complainant: ComplainantIdentity = {
    ...(body.first_name || body.last_name ? { name: [body.first_name, body.last_name].filter(Boolean).join(' ') } : {}),
    ...(body.phone ? { phone: body.phone } : {}),
    ...(body.email ? { email: body.email } : {}),
  };
  const anonymous = Object.keys(complainant).length === 0;
  // The app's picture stays where the app keeps it: we do not fetch it, staff follow the link.
  const description = body.media_url ? `${body.description}\n\nภาพประกอบจากแอป ${app.name}: ${body.media_url}` : body.description;
  return {
    description,
    title: attributes.title,
    categoryCode: body.service_code,
    channel: 'open311_app',
    sourceApp: { id: app.id, name: app.name },
    location: {
      provinceCode: attributes.provinceCode,
      districtCode: attributes.districtCode,
      address: body.address_string,
      lat: body.lat,
      lon: body.long,
    },
    ...(anonymous ? {} : { complainant }),
    anonymous,
    confidential: attributes.confidential,
  };
}

function readAttributes(sent: Record<string, string | string[]>, problems: string[]) {
  const single = (code: string): string | undefined => {
    const value = sent[code];
    if (Array.isArray(value)) {
      problems.push(`attribute[${code}]: takes one value / รับค่าได้เพียงค่าเดียว`);
      return undefined;
    }
    return value?.trim() || undefined;
  };
  const known: readonly string[] = Object.values(ATTRIBUTE_CODES);
  for (const code of Object.keys(sent)) if (!known.includes(code)) problems.push(`attribute[${code}]: not an attribute of this service / ไม่ใช่ข้อมูลที่บริการนี้กำหนด`);
  const title = single(ATTRIBUTE_CODES.title);
  if (title !== undefined && title.length > 200) problems.push('attribute[title]: at most 200 characters / ยาวได้ไม่เกิน 200 ตัวอักษร');
  const confidential = single(ATTRIBUTE_CODES.confidential);
  if (confidential !== undefined && confidential !== 'true' && confidential !== 'false') problems.push('attribute[confidential]: must be true or false / ต้องเป็น true หรือ false');
  const code = (attribute: string, digits: number) => {
    const value = single(attribute);
    if (value !== undefined && !new RegExp(`^\\d{${digits}}$`).test(value)) problems.push(`attribute[${attribute}]: must be ${digits} digits / ต้องเป็นตัวเลข ${digits} หลัก`);
    return value;
  };
  return { title, confidential: confidential === 'true', provinceCode: code(ATTRIBUTE_CODES.province, 2), districtCode: code(ATTRIBUTE_CODES.district, 4) };
}
