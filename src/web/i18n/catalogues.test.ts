/**
 * The catalogues are complete in both languages (the types check the keys; this checks
 * there is text behind each, and that interpolations match so no `{{count}}` is lost).
 */
import { describe, expect, it } from 'vitest';
import { enAdmin } from './en/admin.ts';
import { enCitizen } from './en/citizen.ts';
import { enCommon } from './en/common.ts';
import { enDashboard } from './en/dashboard.ts';
import { enReports } from './en/reports.ts';
import { enStaff } from './en/staff.ts';
import { thAdmin } from './th/admin.ts';
import { thCitizen } from './th/citizen.ts';
import { thCommon } from './th/common.ts';
import { thDashboard } from './th/dashboard.ts';
import { thReports } from './th/reports.ts';
import { thStaff } from './th/staff.ts';
import { CASE_STATUSES, CHANNELS, RESOLUTION_RESULTS } from '../../shared/case-model.ts';

function leaves(catalogue: object, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') found.set(prefix + key, value);
    else for (const [inner, text] of leaves(value as object, `${prefix}${key}.`)) found.set(inner, text);
  }
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

describe.each([
  ['common', thCommon, enCommon],
  ['citizen', thCitizen, enCitizen],
  ['staff', thStaff, enStaff],
  ['admin', thAdmin, enAdmin],
  ['dashboard', thDashboard, enDashboard],
  ['reports', thReports, enReports],
])('the %s catalogue', (_name, th, en) => {
  const thai = leaves(th);
  const english = leaves(en);

  it('has the same keys in Thai and English', () => {
    expect([...english.keys()].sort()).toEqual([...thai.keys()].sort());
  });

  it('has text for every key, with the same placeholders', () => {
    for (const [key, text] of thai) {
      expect(text.trim(), `th ${key}`).not.toBe('');
      expect(english.get(key)?.trim(), `en ${key}`).not.toBe('');
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });
});

describe('the shared vocabulary', () => {
  it('names every status, channel and result in both languages', () => {
    for (const status of CASE_STATUSES) expect(thCommon.status[status] && enCommon.status[status], status).toBeTruthy();
    for (const channel of CHANNELS) expect(thCommon.channel[channel] && enCommon.channel[channel], channel).toBeTruthy();
    for (const result of RESOLUTION_RESULTS) expect(thCommon.result[result] && enCommon.result[result], result).toBeTruthy();
  });

  it('uses Thai script in the Thai catalogues', () => {
    const thaiText = [...leaves(thCitizen).values()].filter((text) => /[\u0E00-\u0E7F]/.test(text));
    expect(thaiText.length / leaves(thCitizen).size).toBeGreaterThan(0.9);
  });
});
