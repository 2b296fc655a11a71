import { describe, expect, it } from 'vitest';
import { channelChanges, channelValues, checkChannel, newChannelBody } from './channel-form.ts';

describe('the channel form', () => {
  const phone = { ...channelValues(undefined), labelTh: ' โทรศัพท์ 0 5662 2353 ', phone: '0 5662 2353' };

  it('starts a new channel as an active hotline at the top', () => {
    expect(channelValues(undefined)).toMatchObject({ kind: 'hotline', labelTh: '', phone: '', position: '0', active: true });
  });

  it('wants a Thai label and the field the kind cannot do without', () => {
    expect(checkChannel(phone)).toEqual({});
    expect(checkChannel({ ...phone, labelTh: '  ' })).toEqual({ labelTh: 'required' });
    expect(checkChannel({ ...phone, labelTh: 'Phone' })).toEqual({ labelTh: 'thaiLabel' });
    expect(checkChannel({ ...phone, phone: '' })).toEqual({ phone: 'required' });
    expect(checkChannel({ ...phone, kind: 'suggestion_box' })).toEqual({ location: 'required' });
    expect(checkChannel({ ...phone, location: 'ก'.repeat(301) })).toEqual({ location: 'tooLong' });
    expect(checkChannel({ ...phone, position: '-1' })).toEqual({ position: 'position' });
  });

  it('leaves empty fields out of a new channel, and clears them in a change', () => {
    expect(newChannelBody(phone)).toEqual({ kind: 'hotline', labelTh: 'โทรศัพท์ 0 5662 2353', phone: '0 5662 2353', position: 0, active: true });
    expect(channelChanges({ ...phone, openingHours: '  ' })).toMatchObject({ labelTh: 'โทรศัพท์ 0 5662 2353', phone: '0 5662 2353', openingHours: null, lineId: null });
  });
});
