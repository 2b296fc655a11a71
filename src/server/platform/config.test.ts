import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const KEY = 'a'.repeat(64);

describe('loadConfig', () => {
  it('seeds demo accounts by default only on the embedded database', () => {
    expect(loadConfig({}).demoSeed).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/rongthuk', RONGTHUK_DATA_KEY: KEY }).demoSeed).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/rongthuk', RONGTHUK_DATA_KEY: KEY, RONGTHUK_DEMO_SEED: 'true' }).demoSeed).toBe(true);
  });

  it('believes no proxy unless told which', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ RONGTHUK_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ RONGTHUK_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(() => loadConfig({ RONGTHUK_TRUST_PROXY: 'everyone' })).toThrow(/RONGTHUK_TRUST_PROXY/);
  });

  it('reads office hours, 08:30–16:30 by default', () => {
    expect(loadConfig({}).officeHours).toEqual({ start: '08:30', end: '16:30' });
    expect(loadConfig({ RONGTHUK_OFFICE_HOURS: '08:00-17:00' }).officeHours).toEqual({ start: '08:00', end: '17:00' });
    expect(() => loadConfig({ RONGTHUK_OFFICE_HOURS: '17:00-08:00' })).toThrow(/RONGTHUK_OFFICE_HOURS/);
    expect(() => loadConfig({ RONGTHUK_OFFICE_HOURS: '8:30-16:30' })).toThrow(/RONGTHUK_OFFICE_HOURS/);
  });

  it('reads the instance code, rongthuk by default, refusing one partners could not name', () => {
    expect(loadConfig({}).instanceCode).toBe('rongthuk');
    expect(loadConfig({ RONGTHUK_INSTANCE_CODE: 'hub-1111' }).instanceCode).toBe('hub-1111');
    for (const bad of ['H', 'Hub 1111', 'hub_1111', 'x'.repeat(65)]) {
      expect(() => loadConfig({ RONGTHUK_INSTANCE_CODE: bad }), bad).toThrow(/RONGTHUK_INSTANCE_CODE: must be 2–64 of a–z, 0–9 or hyphen/);
    }
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' })).toThrow(/PORT.*LOG_LEVEL/);
  });

  it('makes the session cookie Secure behind an https public address', () => {
    expect(loadConfig({}).cookieSecure).toBe(false);
    expect(loadConfig({ RONGTHUK_PUBLIC_URL: 'https://rongthuk.example.go.th' }).cookieSecure).toBe(true);
  });

  it('gives the citizen 7 business days to confirm a result by default, between 1 and 60', () => {
    expect(loadConfig({}).confirmationBusinessDays).toBe(7);
    expect(loadConfig({ RONGTHUK_CONFIRMATION_BUSINESS_DAYS: '10' }).confirmationBusinessDays).toBe(10);
    for (const bad of ['0', '61', '2.5', 'a week']) {
      expect(() => loadConfig({ RONGTHUK_CONFIRMATION_BUSINESS_DAYS: bad }), bad).toThrow(/RONGTHUK_CONFIRMATION_BUSINESS_DAYS/);
    }
  });
});
