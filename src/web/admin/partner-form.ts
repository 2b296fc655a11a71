/**
 * The partner form's logic (ระบบคู่ความร่วมมือ): its values, the checks the API's schemas make
 * (src/shared/api/exchange.ts) made before sending, and the body a new partner or a change
 * becomes — only what changed, keys given one way (a JWKS address or the keys themselves).
 * Pure, so it is unit tested; the server checks again and has the last word.
 */
import {
  NewPartnerSchema,
  PARTNER_CODE_PATTERN,
  PartnerJwksSchema,
  type IDENTITY_SHARING,
  type NewPartner,
  type Partner,
  type PartnerChanges,
  type PartnerJwks,
  type PARTNER_DELIVERY,
  type TEXT_SHARING,
} from '../../shared/api/exchange.ts';
import { maxLengthOf } from '../../shared/api/fields.ts';

export const PARTNER_NAME_MAX = maxLengthOf(NewPartnerSchema.shape.name);
export const PARTNER_URL_MAX = maxLengthOf(NewPartnerSchema.shape.baseUrl);

export type Delivery = (typeof PARTNER_DELIVERY)[number];
export type IdentitySharing = (typeof IDENTITY_SHARING)[number];
export type TextSharing = (typeof TEXT_SHARING)[number];
/** How the partner's public keys are given: the address of its JWKS, or the JWKS pasted in. */
export type KeysBy = 'url' | 'inline';

export interface AgencyChoice {
  code: string;
  nameTh: string;
  nameEn?: string | undefined;
}

export interface PartnerValues {
  code: string;
  name: string;
  delivery: Delivery;
  baseUrl: string;
  keysBy: KeysBy;
  jwksUrl: string;
  jwksText: string;
  agencies: AgencyChoice[];
  identity: IdentitySharing;
  text: TextSharing;
  attachments: boolean;
  active: boolean;
}

/** A problem of a field: a catalogue key and its values. */
export interface PartnerProblem {
  key: string;
  values?: Record<string, number>;
}

/** The form's values: the partner's, or for a new one the agreement's minimum-necessary defaults (the API's too). */
export function partnerValues(partner?: Partner): PartnerValues {
  return {
    code: partner?.code ?? '',
    name: partner?.name ?? '',
    delivery: partner?.delivery ?? 'api',
    baseUrl: partner?.baseUrl ?? '',
    keysBy: partner?.jwks ? 'inline' : 'url',
    jwksUrl: partner?.jwksUrl ?? '',
    jwksText: partner?.jwks ? JSON.stringify(partner.jwks, null, 2) : '',
    agencies: partner ? partner.agencies.map((agency) => ({ code: agency.code, nameTh: agency.nameTh, nameEn: agency.nameEn })) : [],
    identity: partner?.identity ?? 'none',
    text: partner?.text ?? 'redacted',
    attachments: partner?.attachments ?? false,
    active: partner?.active ?? true,
  };
}

/** An http(s) address with a host, as the API takes it. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The pasted JWKS, parsed and checked: the keys, or the problem with them. */
export function parseJwks(text: string): { jwks: PartnerJwks } | { problem: PartnerProblem } {
  if (!text.trim()) return { problem: { key: 'common:errors.required' } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: { key: 'fieldErrors.jwksNotJson' } };
  }
  const checked = PartnerJwksSchema.safeParse(parsed);
  return checked.success ? { jwks: checked.data } : { problem: { key: 'fieldErrors.jwksInvalid' } };
}

function checkUrl(problems: Record<string, PartnerProblem>, field: string, value: string): void {
  const url = value.trim();
  if (!url) problems[field] = { key: 'common:errors.required' };
  else if (url.length > PARTNER_URL_MAX) problems[field] = { key: 'common:errors.tooLong', values: { max: PARTNER_URL_MAX } };
  else if (!isHttpUrl(url)) problems[field] = { key: 'fieldErrors.url' };
}

/** Field (as the API names it) → problem, in the order of the form. The code is checked only for a new partner. */
export function checkPartner(values: PartnerValues, creating: boolean): Record<string, PartnerProblem> {
  const problems: Record<string, PartnerProblem> = {};
  if (creating) {
    const code = values.code.trim();
    if (!code) problems.code = { key: 'common:errors.required' };
    else if (!PARTNER_CODE_PATTERN.test(code)) problems.code = { key: 'fieldErrors.partnerCode' };
  }
  const name = values.name.trim();
  if (!name) problems.name = { key: 'common:errors.required' };
  else if (name.length > PARTNER_NAME_MAX) problems.name = { key: 'common:errors.tooLong', values: { max: PARTNER_NAME_MAX } };
  if (values.delivery === 'api') {
    checkUrl(problems, 'baseUrl', values.baseUrl);
    if (values.keysBy === 'url') checkUrl(problems, 'jwksUrl', values.jwksUrl);
    else {
      const parsed = parseJwks(values.jwksText);
      if ('problem' in parsed) problems.jwks = parsed.problem;
    }
  }
  if (values.agencies.length === 0) problems.agencies = { key: 'fieldErrors.agenciesRequired' };
  return problems;
}

/** The keys as the API takes them: one of jwksUrl and jwks. Call after checkPartner found nothing. */
function keysOf(values: PartnerValues): { jwksUrl: string } | { jwks: PartnerJwks } {
  if (values.keysBy === 'url') return { jwksUrl: values.jwksUrl.trim() };
  const parsed = parseJwks(values.jwksText);
  if ('problem' in parsed) throw new Error('keysOf before checkPartner');
  return { jwks: parsed.jwks };
}

/** POST /api/v1/partners from checked values: a file partner has no address or keys. */
export function newPartnerBody(values: PartnerValues): NewPartner {
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    delivery: values.delivery,
    ...(values.delivery === 'api' ? { baseUrl: values.baseUrl.trim(), ...keysOf(values) } : {}),
    agencies: values.agencies.map((agency) => agency.code),
    identity: values.identity,
    text: values.text,
    attachments: values.attachments,
  };
}

/** PATCH /api/v1/partners/{code} from checked values: only what differs from `partner` (empty when nothing does). */
export function partnerChanges(values: PartnerValues, partner: Partner): PartnerChanges {
  const changes: PartnerChanges = {};
  if (values.name.trim() !== partner.name) changes.name = values.name.trim();
  if (partner.delivery === 'api') {
    if (values.baseUrl.trim() !== (partner.baseUrl ?? '')) changes.baseUrl = values.baseUrl.trim();
    const keys = keysOf(values);
    if ('jwksUrl' in keys ? keys.jwksUrl !== partner.jwksUrl : JSON.stringify(keys.jwks) !== JSON.stringify(partner.jwks)) Object.assign(changes, keys);
  }
  const codes = values.agencies.map((agency) => agency.code);
  if (codes.join('\n') !== partner.agencies.map((agency) => agency.code).join('\n')) changes.agencies = codes;
  if (values.identity !== partner.identity) changes.identity = values.identity;
  if (values.text !== partner.text) changes.text = values.text;
  if (values.attachments !== partner.attachments) changes.attachments = values.attachments;
  if (values.active !== partner.active) changes.active = values.active;
  return changes;
}

/** Field errors of `agencies.3` or `jwks.keys` shown on the field they belong to (the form has one control for each). */
export function foldFieldErrors(errors: Record<string, string>, fields: readonly string[]): Record<string, string> {
  const folded: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const field = fields.find((name) => path.startsWith(`${name}.`)) ?? path;
    folded[field] = folded[field] ? `${folded[field]}; ${message}` : message;
  }
  return folded;
}
