/**
 * The complaint form's values, the checks made before sending (the server checks again and
 * has the last word) and the request body they become. Pure, so it is unit tested.
 */
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

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 5000;
export const MAX_FILES = 5;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const ACCEPTED_FILE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];

/** A problem with a field, as a translation key and its values. */
export interface Problem {
  key: string;
  values?: Record<string, string | number>;
}

const PHONE = /^\+?[0-9๐-๙][0-9๐-๙ ()-]{5,}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Field path (as the API names it) → problem. */
export function checkComplaint(values: ComplaintFormValues, files: readonly { name: string; size: number; type: string }[]): Record<string, Problem> {
  const problems: Record<string, Problem> = {};
  const description = values.description.trim();
  if (!description) problems.description = { key: 'errors.required' };
  else if (description.length < DESCRIPTION_MIN) problems.description = { key: 'errors.tooShort', values: { min: DESCRIPTION_MIN } };
  else if (description.length > DESCRIPTION_MAX) problems.description = { key: 'errors.tooLong', values: { max: DESCRIPTION_MAX } };
  if (values.title.trim().length > 200) problems.title = { key: 'errors.tooLong', values: { max: 200 } };
  if (values.address.trim().length > 500) problems['location.address'] = { key: 'errors.tooLong', values: { max: 500 } };
  if (!values.anonymous) {
    if (values.phone.trim() && !PHONE.test(values.phone.trim())) problems['complainant.phone'] = { key: 'errors.invalidPhone' };
    if (values.email.trim() && !EMAIL.test(values.email.trim())) problems['complainant.email'] = { key: 'errors.invalidEmail' };
    // The check digit catches a digit typed wrong from a letter or an ID card.
    if (values.nationalId.trim() && !isValidNationalId(values.nationalId)) problems['complainant.nationalId'] = { key: 'citizen:file.invalidNationalId' };
    if (values.postalAddress.trim().length > 500) problems['complainant.address'] = { key: 'errors.tooLong', values: { max: 500 } };
  }
  return { ...problems, ...checkFiles(files) };
}

/** The files of a form (a complaint, a staff reply or note): how many, how large, what type, as the server limits them. */
export function checkFiles(files: readonly { name: string; size: number; type: string }[]): Record<string, Problem> {
  const problems: Record<string, Problem> = {};
  if (files.length > MAX_FILES) problems.files = { key: 'citizen:file.tooManyFiles', values: { max: MAX_FILES } };
  files.forEach((file, index) => {
    if (file.size > MAX_FILE_BYTES) problems[`files[${index}]`] = { key: 'citizen:file.fileTooLarge', values: { name: file.name, max: MAX_FILE_BYTES / 1024 / 1024 } };
    else if (file.type && !ACCEPTED_FILE_TYPES.includes(file.type)) problems[`files[${index}]`] = { key: 'citizen:file.fileType', values: { name: file.name } };
  });
  return problems;
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
