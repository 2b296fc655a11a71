import { describe, expect, it } from 'vitest';
import { originForm } from './http.ts';

describe('originForm', () => {
  it('keeps an origin-form target as it is, also one that looks like a host', () => {
    expect(originForm('/api/v1/cases?status=received')).toBe('/api/v1/cases?status=received');
    expect(originForm('//evil.example/x')).toBe('//evil.example/x');
    expect(originForm('*')).toBe('*');
  });

  it('takes the path and query of an absolute-form target', () => {
    expect(originForm('http://evil.example/api/v1/categories')).toBe('/api/v1/categories');
    expect(originForm('HTTP://127.0.0.1:1/api/v1/x?y=1')).toBe('/api/v1/x?y=1');
    expect(originForm('https://host?q=1')).toBe('/?q=1');
    expect(originForm('http://host')).toBe('/');
  });
});
