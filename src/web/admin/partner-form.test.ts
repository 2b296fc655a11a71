/** The partner form's pure logic: its checks, a new partner's body and a change of one (only what changed). */
import { describe, expect, it } from 'vitest';
import type { Partner } from '../../shared/api/exchange.ts';
import { NewPartnerSchema, PartnerChangesSchema } from '../../shared/api/exchange.ts';
import { checkPartner, foldFieldErrors, newPartnerBody, parseJwks, partnerChanges, partnerValues } from './partner-form.ts';

const KEY = { kty: 'OKP', crv: 'Ed25519', x: 'UF71-8JPOxI0zIjw5svwYoxRanfimctYjHUPUcY0hE0', kid: 'k1' };
const POLICE = { code: 'rtp', nameTh: 'สำนักงานตำรวจแห่งชาติ', nameEn: 'Royal Thai Police' };

const partner: Partner = {
  code: 'police',
  name: 'ระบบรับเรื่องร้องเรียน สตช.',
  delivery: 'api',
  baseUrl: 'https://complaint.police.go.th',
  jwksUrl: 'https://complaint.police.go.th/api/v1/exchange/jwks',
  jwks: null,
  agencies: [POLICE],
  identity: 'none',
  text: 'redacted',
  attachments: false,
  active: true,
  createdAt: '2026-11-23T07:00:00.000Z',
};

describe('the partner form', () => {
  it('starts a new partner at the minimum necessary: no identity, redacted text, no files, by API', () => {
    const values = partnerValues();
    expect(values).toMatchObject({ delivery: 'api', keysBy: 'url', identity: 'none', text: 'redacted', attachments: false, active: true, agencies: [] });
    // The same defaults as the API's.
    const parsed = NewPartnerSchema.parse({ code: 'x1', name: 'x', delivery: 'file', agencies: ['rtp'] });
    expect({ identity: parsed.identity, text: parsed.text, attachments: parsed.attachments }).toEqual({ identity: values.identity, text: values.text, attachments: values.attachments });
  });

  it('checks what the API checks, naming its fields', () => {
    expect(checkPartner(partnerValues(), true)).toEqual({
      code: { key: 'common:errors.required' },
      name: { key: 'common:errors.required' },
      baseUrl: { key: 'common:errors.required' },
      jwksUrl: { key: 'common:errors.required' },
      agencies: { key: 'fieldErrors.agenciesRequired' },
    });
    const values = { ...partnerValues(), code: 'Police!', name: 'ตำรวจ', baseUrl: 'ftp://police', keysBy: 'inline' as const, jwksText: '{"keys": [', agencies: [POLICE] };
    expect(checkPartner(values, true)).toEqual({ code: { key: 'fieldErrors.partnerCode' }, baseUrl: { key: 'fieldErrors.url' }, jwks: { key: 'fieldErrors.jwksNotJson' } });
    // The code is not the edit form's, and a file partner has no address or keys.
    expect(checkPartner({ ...values, delivery: 'file' }, false)).toEqual({});
  });

  it('takes only a JWKS of Ed25519 public keys', () => {
    expect(parseJwks(JSON.stringify({ keys: [KEY] }))).toEqual({ jwks: { keys: [KEY] } });
    expect(parseJwks(JSON.stringify({ keys: [{ ...KEY, d: 'secret' }] }))).toEqual({ problem: { key: 'fieldErrors.jwksInvalid' } });
    expect(parseJwks(JSON.stringify({ keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }] }))).toEqual({ problem: { key: 'fieldErrors.jwksInvalid' } });
    expect(parseJwks(' ')).toEqual({ problem: { key: 'common:errors.required' } });
  });

  it('builds a new partner the API takes: keys one way, none for a file partner', () => {
    const values = { ...partnerValues(), code: ' police ', name: ' ระบบ สตช. ', baseUrl: 'https://complaint.police.go.th', keysBy: 'inline' as const, jwksText: JSON.stringify({ keys: [KEY] }), jwksUrl: 'https://ignored', agencies: [POLICE], identity: 'contact' as const };
    const body = newPartnerBody(values);
    expect(body).toEqual({ code: 'police', name: 'ระบบ สตช.', delivery: 'api', baseUrl: 'https://complaint.police.go.th', jwks: { keys: [KEY] }, agencies: ['rtp'], identity: 'contact', text: 'redacted', attachments: false });
    expect(NewPartnerSchema.safeParse(body).success).toBe(true);
    const file = newPartnerBody({ ...values, delivery: 'file' });
    expect(file).not.toHaveProperty('baseUrl');
    expect(file).not.toHaveProperty('jwks');
    expect(NewPartnerSchema.safeParse(file).success).toBe(true);
  });

  it('sends only what changed, keys switched from a URL to inline', () => {
    expect(partnerChanges(partnerValues(partner), partner)).toEqual({});
    const values = { ...partnerValues(partner), name: 'ระบบใหม่', keysBy: 'inline' as const, jwksText: JSON.stringify({ keys: [KEY] }), agencies: [POLICE, { code: 'rtp-mpb', nameTh: 'บช.น.' }], attachments: true, active: false };
    const changes = partnerChanges(values, partner);
    expect(changes).toEqual({ name: 'ระบบใหม่', jwks: { keys: [KEY] }, agencies: ['rtp', 'rtp-mpb'], attachments: true, active: false });
    expect(PartnerChangesSchema.safeParse(changes).success).toBe(true);
    // Inline keys pasted again as they were: no change.
    const inline = { ...partner, jwksUrl: null, jwks: { keys: [KEY] } };
    expect(partnerChanges(partnerValues(inline), inline)).toEqual({});
  });

  it('shows the API’s errors of an agency or of the keys on their one control', () => {
    expect(foldFieldErrors({ 'agencies.0': 'ไม่พบหน่วยงาน x', 'agencies.2': 'ไม่พบหน่วยงาน y', 'jwks.keys': 'too few', name: 'ยาวเกินไป' }, ['agencies', 'jwks'])).toEqual({
      agencies: 'ไม่พบหน่วยงาน x; ไม่พบหน่วยงาน y',
      jwks: 'too few',
      name: 'ยาวเกินไป',
    });
  });
});
