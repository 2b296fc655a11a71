import { describe, expect, it } from 'vitest';
import { Open311Error } from './errors.ts';
import { normaliseJsonBody, parseFormBody } from './form-body.ts';

describe('parseFormBody', () => {
  it('reads fields, attributes and Thai text, leaving empty fields out', () => {
    const body = 'api_key=k&service_code=road&description=%E0%B8%96%E0%B8%99%E0%B8%99+%E0%B9%80%E0%B8%9B%E0%B9%87%E0%B8%99%E0%B8%AB%E0%B8%A5%E0%B8%B8%E0%B8%A1&email=&attribute%5Bconfidential%5D=true&attribute[tags][]=a&attribute[tags][]=b';
    expect(parseFormBody(body)).toEqual({ api_key: 'k', service_code: 'road', description: 'ถนน เป็นหลุม', attribute: { confidential: 'true', tags: ['a', 'b'] } });
  });

  it('keeps the first value of a field sent twice', () => {
    expect(parseFormBody('service_code=road&service_code=water')).toEqual({ service_code: 'road' });
  });

  it('refuses text that is not UTF-8 rather than replacing it, naming the field', () => {
    expect(() => parseFormBody('description=%FF%FE')).toThrow(Open311Error);
    expect(() => parseFormBody('description=%FF')).toThrow(/description/);
  });
});

describe('normaliseJsonBody', () => {
  it('takes attributes as an object or as flat keys', () => {
    expect(normaliseJsonBody({ service_code: 'road', attribute: { title: 'x' }, 'attribute[confidential]': 'true', phone: null })).toEqual({
      service_code: 'road',
      attribute: { title: 'x', confidential: 'true' },
    });
    expect(normaliseJsonBody([1])).toEqual([1]);
  });
});
