/**
 * The complaint form's values, the checks made before sending — the API's own schema
 * (src/shared/api/complaints.ts) on the body they become, and the limits on files the server
 * says in its settings; the server checks again and has the last word. Pure, so it is unit tested.
 */
import type { z } from 'zod';
import { ComplainantSchema, LocationSchema, PublicComplaintSchema } from '../../shared/api/complaints.ts';
import { maxLengthOf } from '../../shared/api/fields.ts';
import { isValidNationalId } from '../../shared/national-id.ts';
import type { Category, PublicComplaint } from '../api/types.ts';

export interface ComplaintFormValues {
  categoryCode: string;
  title: string;
  description: string;
  provinceCode: string;
  districtCode: string;
  subdistrictCode: string;
  address: string;
  position: { lat: number; lon: number } | null;
  anonymous: boolean;
  name: string;
  phone: string;
  email: string;
  /** เลขประจำตัวประชาชน and the postal address (ที่อยู่ทางไปรษณีย์): staff intake, to answer by post. */
  nationalId: string;
  postalAddress: string;
  contactLanguage: 'th' | 'en';
  confidential: boolean;
}

export const EMPTY_COMPLAINT: ComplaintFormValues = {
  categoryCode: '',
  title: '',
  description: '',
  provinceCode: '',
  districtCode: '',
  subdistrictCode: '',
  address: '',
  position: null,
  anonymous: false,
  name: '',
  phone: '',
  email: '',
  nationalId: '',
  postalAddress: '',
  contactLanguage: 'th',
  confidential: false,
};

/** The longest description, as the API's schema sets it (for the counter under the field). */
export const DESCRIPTION_MAX = maxLengthOf(PublicComplaintSchema.shape.description);

/** The longest text of each other field, as the API's schemas set them (for the fields' maxLength). */
export const FIELD_MAX = {
  title: maxLengthOf(PublicComplaintSchema.shape.title),
  address: maxLengthOf(LocationSchema.shape.address),
  name: maxLengthOf(ComplainantSchema.shape.name),
  phone: maxLengthOf(ComplainantSchema.shape.phone),
  email: maxLengthOf(ComplainantSchema.shape.email),
  nationalId: maxLengthOf(ComplainantSchema.shape.nationalId),
  postalAddress: maxLengthOf(ComplainantSchema.shape.address),
} as const;

/**
 * What the server takes in files, as GET /api/v1/public/settings says: how many, how large,
 * what types. Undefined until the settings have come (the server checks again anyway).
 */
export interface UploadLimits {
  maxFiles: number;
  maxFileBytes: number;
  mediaTypes: readonly string[];
}

/** A problem with a field, as a translation key and its values. */
export interface Problem {
  key: string;
  values?: Record<string, string | number>;
}

/** Field path (as the API names it) → problem. */
export function checkComplaint(values: ComplaintFormValues, files: readonly FileFacts[], limits: UploadLimits | undefined): Record<string, Problem> {
  const body = complaintBody(values);
  const problems = problemsOf(PublicComplaintSchema.safeParse(body).error?.issues ?? [], body);
  // The check digit catches a digit typed wrong from a letter or an ID card (the server keeps what it is given).
  if (!values.anonymous && values.nationalId.trim() && !isValidNationalId(values.nationalId)) problems['complainant.nationalId'] = { key: 'citizen:file.invalidNationalId' };
  return { ...problems, ...checkFiles(files, limits) };
}

/** The problems the schema found, by the field's path, in words the form has (the first of each field); the rest the server says. */
export function problemsOf(issues: readonly z.core.$ZodIssue[], body: unknown): Record<string, Problem> {
  const problems: Record<string, Problem> = {};
  for (const issue of issues) {
    const field = issue.path.join('.');
    const problem = problemOf(issue, valueAt(body, issue.path));
    if (problem && !problems[field]) problems[field] = problem;
  }
  return problems;
}

function problemOf(issue: z.core.$ZodIssue, value: unknown): Problem | undefined {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return { key: 'errors.required' };
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' ? { key: 'errors.tooShort', values: { min: Number(issue.minimum) } } : undefined;
    case 'too_big':
      return issue.origin === 'string' ? { key: 'errors.tooLong', values: { max: Number(issue.maximum) } } : undefined;
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'errors.invalidEmail' };
      return issue.message === 'must be a phone number' ? { key: 'errors.invalidPhone' } : undefined;
    default:
      return undefined;
  }
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined), value);
}

/** What the form knows of a chosen file. */
export interface FileFacts {
  name: string;
  size: number;
  type: string;
}

/** The files of a form (a complaint, a staff reply or note): how many, how large, what type, as the server limits them. */
export function checkFiles(files: readonly FileFacts[], limits: UploadLimits | undefined): Record<string, Problem> {
  const problems: Record<string, Problem> = {};
  if (!limits) return problems;
  if (files.length > limits.maxFiles) problems.files = { key: 'citizen:file.tooManyFiles', values: { max: limits.maxFiles } };
  files.forEach((file, index) => {
    if (file.size > limits.maxFileBytes) problems[`files[${index}]`] = { key: 'citizen:file.fileTooLarge', values: { name: file.name, max: megabytes(limits.maxFileBytes) } };
    else if (file.type && !limits.mediaTypes.includes(file.type)) problems[`files[${index}]`] = { key: 'citizen:file.fileType', values: { name: file.name } };
  });
  return problems;
}

/** Bytes as whole megabytes, or with one decimal under ten. */
export function megabytes(bytes: number): number {
  const value = bytes / 1024 / 1024;
  return value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
}

/** The body of POST /api/v1/public/complaints (or of a staff intake, with the channel added there). */
export function complaintBody(values: ComplaintFormValues): Omit<PublicComplaint, 'channel'> {
  const text = (value: string) => value.trim() || undefined;
  const location = {
    provinceCode: text(values.provinceCode),
    districtCode: text(values.districtCode),
    subdistrictCode: text(values.subdistrictCode),
    address: text(values.address),
    ...(values.position ? { lat: values.position.lat, lon: values.position.lon } : {}),
  };
  const complainant = values.anonymous
    ? undefined
    : {
        name: text(values.name),
        phone: text(values.phone),
        email: text(values.email),
        nationalId: text(values.nationalId),
        address: text(values.postalAddress),
        language: values.contactLanguage,
      };
  return dropUndefined({
    description: values.description.trim(),
    title: text(values.title),
    categoryCode: text(values.categoryCode),
    location: Object.values(location).some((value) => value !== undefined) ? dropUndefined(location) : undefined,
    complainant:
      complainant && (complainant.name || complainant.phone || complainant.email || complainant.nationalId || complainant.address) ? dropUndefined(complainant) : undefined,
    anonymous: values.anonymous,
    confidential: values.confidential,
  });
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/** Categories whose Thai or English name, code or alias contains the query (case-insensitive). */
export function filterCategories(categories: readonly Category[], query: string): Category[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [...categories];
  return categories.filter((category) =>
    [category.nameTh, category.nameEn, category.code, ...category.aliases].some((text) => text.toLowerCase().includes(needle)),
  );
}
