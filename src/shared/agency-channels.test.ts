import { describe, expect, it } from 'vitest';
import { missingContactFields, REQUIRED_CONTACT_FIELD } from './agency-channels.ts';
import { AgencyChannelChangesSchema, NewAgencyChannelSchema } from './api/channels.ts';
import { CHANNELS } from './case-model.ts';

/** The fields a body is refused for, each once. */
function refusedFields(body: unknown): string[] {
  const parsed = NewAgencyChannelSchema.safeParse(body);
  return parsed.success ? [] : [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
}

describe('what each kind of channel needs', () => {
  it('names the one field a kind cannot do without, and nothing for a partner system', () => {
    expect(missingContactFields('hotline', {})).toEqual(['phone']);
    expect(missingContactFields('hotline', { phone: '  ' })).toEqual(['phone']);
    expect(missingContactFields('hotline', { phone: '1111' })).toEqual([]);
    expect(missingContactFields('line', { phone: '1111' })).toEqual(['lineId']);
    expect(missingContactFields('facebook', { webUrl: 'https://example.go.th' })).toEqual(['facebookUrl']);
    expect(missingContactFields('web', { webUrl: null })).toEqual(['webUrl']);
    expect(missingContactFields('post', {})).toEqual(['postalAddress']);
    expect(missingContactFields('suggestion_box', {})).toEqual(['location']);
    expect(missingContactFields('counter', { location: 'ชั้น 1 อาคารสำนักงาน' })).toEqual([]);
    expect(missingContactFields('partner', {})).toEqual([]);
  });

  it('covers every kind of the channel vocabulary', () => {
    expect(Object.keys(REQUIRED_CONTACT_FIELD).sort()).toEqual([...CHANNELS].sort());
  });
});

describe('the fields of a channel', () => {
  const phone = { kind: 'hotline', labelTh: 'โทรศัพท์ 0 5662 2353', phone: '0 5662 2353' };

  it('takes a channel with what it needs, defaulting its position and state', () => {
    expect(NewAgencyChannelSchema.parse(phone)).toEqual({ ...phone, position: 0, active: true });
  });

  it('wants a Thai label within bounds', () => {
    expect(refusedFields({ ...phone, labelTh: undefined })).toEqual(['labelTh']);
    expect(refusedFields({ ...phone, labelTh: 'Phone' })).toEqual(['labelTh']);
    expect(refusedFields({ ...phone, labelTh: 'โ'.repeat(121) })).toEqual(['labelTh']);
  });

  it('checks each contact field by its form', () => {
    expect(refusedFields({ ...phone, phone: '5662' })).toEqual(['phone']);
    expect(refusedFields({ ...phone, lineId: 'ไลน์' })).toEqual(['lineId']);
    expect(refusedFields({ ...phone, lineId: '@1111' })).toEqual([]);
    expect(refusedFields({ ...phone, facebookUrl: 'https://example.com/page' })).toEqual(['facebookUrl']);
    expect(refusedFields({ ...phone, facebookUrl: 'https://www.facebook.com/TaphanhinHealth' })).toEqual([]);
    expect(refusedFields({ ...phone, webUrl: 'javascript:alert(1)' })).toEqual(['webUrl']);
    expect(refusedFields({ ...phone, webUrl: 'ftp://example.go.th' })).toEqual(['webUrl']);
    expect(refusedFields({ ...phone, email: 'not-an-address' })).toEqual(['email']);
    expect(refusedFields({ ...phone, postalAddress: 'ก'.repeat(501) })).toEqual(['postalAddress']);
    expect(refusedFields({ ...phone, position: -1 })).toEqual(['position']);
    expect(refusedFields({ ...phone, kind: 'fax' })).toEqual(['kind']);
    expect(refusedFields({ ...phone, colour: 'red' })).toEqual(['']);
  });

  it('changes take any subset of the fields, null clearing one', () => {
    expect(AgencyChannelChangesSchema.parse({ openingHours: null })).toEqual({ openingHours: null });
    expect(AgencyChannelChangesSchema.safeParse({ labelTh: null }).success).toBe(false);
  });
});
