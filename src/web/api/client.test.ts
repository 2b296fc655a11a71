import { describe, expect, it } from 'vitest';
import { ApiError } from './client.ts';

describe('ApiError.fieldErrors', () => {
  const error = new ApiError(400, 'validation_failed', 'Invalid body', 'ข้อมูลที่ส่งมาไม่ถูกต้อง', [
    { field: 'description', message: 'Too small: expected string to have >=10 characters', messageTh: 'ต้องมีอย่างน้อย 10 ตัวอักษร' },
    { field: 'description', message: 'second problem of the same field', messageTh: 'ปัญหาที่สอง' },
    { field: 'files[0]', message: 'the file is empty' },
    { message: 'no field' },
  ]);

  it('gives the Thai text in Thai, the English where there is no Thai', () => {
    expect(error.fieldErrors('th')).toEqual({ description: 'ต้องมีอย่างน้อย 10 ตัวอักษร', 'files[0]': 'the file is empty' });
  });

  it('gives the English in English and by default', () => {
    const english = { description: 'Too small: expected string to have >=10 characters', 'files[0]': 'the file is empty' };
    expect(error.fieldErrors('en')).toEqual(english);
    expect(error.fieldErrors()).toEqual(english);
  });
});
