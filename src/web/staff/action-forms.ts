/**
 * The forms of the case actions: which fields each takes, the checks the API's schemas make
 * (ACTION_BODY_SCHEMAS of src/shared/api/case-actions.ts: lengths, required fields) made before
 * sending, and the body each becomes. Pure, so it is unit tested; the server checks again and
 * has the last word.
 */
import { ZodOptional, ZodString, type z } from 'zod';
import { ACTION_BODY_SCHEMAS, EXTENSION_BUSINESS_DAYS, type ActionBody } from '../../shared/api/case-actions.ts';
import { maxLengthOf } from '../../shared/api/fields.ts';
import type { CaseAction, Channel, ResolutionResult } from '../../shared/case-model.ts';
import { isIsoDate } from '../components/date-input.ts';

export interface TextRule {
  name: 'note' | 'reason' | 'message';
  min: number;
  max: number;
  required: boolean;
}

export interface ActionForm {
  text?: TextRule;
  /** Optional change of category (screen, assign). */
  category?: boolean;
  /** The agency to send the case to (assign, forward). */
  agency?: boolean;
  result?: boolean;
  channel?: boolean;
  extend?: boolean;
  merge?: boolean;
  /**
   * The confirmation that a confidential or sensitive case's complainant details may go to a
   * partner system (assign, forward: `shareIdentity`); offered only for such a case.
   */
  shareIdentity?: boolean;
}

/**
 * The text field of an action's form, its bounds and whether it is required taken from the
 * action's body schema (ACTION_BODY_SCHEMAS of the API contract).
 */
function text(action: CaseAction, name: TextRule['name']): TextRule {
  const field = (ACTION_BODY_SCHEMAS[action].shape as Record<string, z.ZodType>)[name];
  const optional = field instanceof ZodOptional;
  const bounds = optional ? field.unwrap() : field;
  if (!(bounds instanceof ZodString)) throw new Error(`${action}.${name} is not a text field of the API`);
  return { name, min: bounds.minLength ?? 0, max: maxLengthOf(bounds), required: !optional };
}

export const ACTION_FORMS: Record<CaseAction, ActionForm> = {
  screen: { category: true, text: text('screen', 'note') },
  assign: { agency: true, category: true, text: text('assign', 'reason') },
  accept: {},
  return: { text: text('return', 'reason') },
  forward: { agency: true, text: text('forward', 'reason') },
  note: { text: text('note', 'message') },
  reply: { text: text('reply', 'message') },
  'request-info': { text: text('request-info', 'message') },
  resolve: { result: true, text: text('resolve', 'message') },
  // The reason is required while the citizen may still answer: see actionFormFor.
  close: { text: text('close', 'reason') },
  reopen: { text: text('reopen', 'reason') },
  reject: { text: text('reject', 'reason') },
  merge: { merge: true },
  contact: { channel: true, text: text('contact', 'message') },
  extend: { extend: true, text: text('extend', 'reason') },
  // เร่งรัด: a follower's message to the holding agency.
  'follow-up': { text: text('follow-up', 'message') },
};

/**
 * The form of `action` on this case. Closing asks for a reason while the citizen may still
 * accept, rate or reopen: the server says when (`closeRequiresReason`), the console does not decide.
 * Handing a confidential or sensitive case over offers the confirmation that its complainant's
 * details may go to a partner system (without it they never do; the sharing agreement decides the rest).
 */
export function actionFormFor(action: CaseAction, detail: { closeRequiresReason: boolean; confidential?: boolean; sensitive?: boolean }): ActionForm {
  const form = ACTION_FORMS[action];
  if (action === 'close' && detail.closeRequiresReason && form.text) return { ...form, text: { ...form.text, required: true } };
  if ((action === 'assign' || action === 'forward') && (detail.confidential === true || detail.sensitive === true)) return { ...form, shareIdentity: true };
  return form;
}

/** Every value of every action form, as the controls hold them. */
export interface ActionValues {
  note: string;
  reason: string;
  message: string;
  categoryCode: string;
  agencyCode: string;
  result: ResolutionResult | '';
  channel: Channel | '';
  extendBy: 'days' | 'date';
  businessDays: string;
  newDueDate: string;
  /** A possible duplicate's id, or '' to type one in `otherCaseId`. */
  intoCaseId: string;
  otherCaseId: string;
  confirmed: boolean;
  shareIdentity: boolean;
}

export const EMPTY_ACTION_VALUES: ActionValues = {
  note: '',
  reason: '',
  message: '',
  categoryCode: '',
  agencyCode: '',
  result: '',
  channel: '',
  extendBy: 'days',
  businessDays: '',
  newDueDate: '',
  intoCaseId: '',
  otherCaseId: '',
  confirmed: false,
  shareIdentity: false,
};

export interface Problem {
  key: string;
  values?: Record<string, number>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The case id a merge goes into: the duplicate picked, or the one typed in. */
export function mergeTarget(values: ActionValues): string {
  return (values.intoCaseId || values.otherCaseId).trim();
}

/** Field (as the API names it) → problem, for the action's form. */
export function checkAction(action: CaseAction, values: ActionValues, caseId: string, form: ActionForm = ACTION_FORMS[action]): Record<string, Problem> {
  const problems: Record<string, Problem> = {};
  if (form.text) {
    const { name, min, max } = form.text;
    const text = values[name].trim();
    if (!text) {
      if (form.text.required) problems[name] = { key: 'common:errors.required' };
    } else if (text.length < min) problems[name] = { key: 'common:errors.tooShort', values: { min } };
    else if (text.length > max) problems[name] = { key: 'common:errors.tooLong', values: { max } };
  }
  if (form.agency && !values.agencyCode) problems.agencyCode = { key: 'common:errors.required' };
  if (form.result && !values.result) problems.result = { key: 'common:errors.required' };
  if (form.channel && !values.channel) problems.channel = { key: 'common:errors.required' };
  if (form.extend) {
    if (values.extendBy === 'days') {
      const days = Number(values.businessDays);
      if (!values.businessDays.trim()) problems.businessDays = { key: 'common:errors.required' };
      else if (!Number.isInteger(days) || days < EXTENSION_BUSINESS_DAYS.min || days > EXTENSION_BUSINESS_DAYS.max) problems.businessDays = { key: 'staff:actions.errors.days', values: EXTENSION_BUSINESS_DAYS };
    } else if (!values.newDueDate) problems.newDueDate = { key: 'common:errors.required' };
    else if (!isIsoDate(values.newDueDate)) problems.newDueDate = { key: 'staff:actions.errors.date' };
  }
  if (form.merge) {
    const target = mergeTarget(values);
    if (!target) problems.intoCaseId = { key: 'common:errors.required' };
    else if (!UUID.test(target)) problems.intoCaseId = { key: 'staff:actions.errors.notUuid' };
    else if (target.toLowerCase() === caseId.toLowerCase()) problems.intoCaseId = { key: 'staff:actions.errors.sameCase' };
    if (!values.confirmed) problems.confirmed = { key: 'staff:actions.errors.confirm' };
  }
  return problems;
}

/** The request body of the action, from checked values of its form (as actionFormFor gave it for the case). */
export function actionBody<A extends CaseAction>(action: A, values: ActionValues, form: ActionForm = ACTION_FORMS[action]): ActionBody<A> {
  const body: Record<string, unknown> = {};
  if (form.text) {
    const text = values[form.text.name].trim();
    if (text) body[form.text.name] = text;
  }
  if (form.category && values.categoryCode) body.categoryCode = values.categoryCode;
  if (form.agency) body.agencyCode = values.agencyCode;
  if (form.result) body.result = values.result;
  if (form.channel) body.channel = values.channel;
  if (form.extend) {
    if (values.extendBy === 'days') body.businessDays = Number(values.businessDays);
    else body.newDueDate = values.newDueDate;
  }
  if (form.merge) body.intoCaseId = mergeTarget(values);
  if (form.shareIdentity && values.shareIdentity) body.shareIdentity = true;
  return body as ActionBody<A>;
}
