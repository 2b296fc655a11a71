/**
 * Field errors in Thai: every detail of a 400 carries `messageTh` beside the English
 * `message` — zod's from the issue, the use cases' from their own text. Runs on both engines.
 */
import { describe, expect, it } from 'vitest';
import { describeEachApp } from './support/app.ts';
import type { ErrorDetail as Detail, ErrorBody } from '../src/shared/api/index.ts';

function detailsOf(response: { json(): unknown }): Detail[] {
  return (response.json() as ErrorBody).error.details;
}

function byField(details: Detail[]): Record<string, Detail> {
  return Object.fromEntries(details.map((detail) => [detail.field ?? '', detail]));
}

describeEachApp('Thai field messages', (t) => {
  describe('a bad public complaint', () => {
    it('names each field at fault in Thai, and keeps the English', async () => {
      const response = await t.request({
        method: 'POST',
        url: '/api/v1/public/complaints',
        body: { description: 'สั้นไป', complainant: { email: 'not-an-email' }, location: { provinceCode: 'x' }, colour: 'red', channel: 'fax' },
      });
      expect(response.statusCode).toBe(400);
      const details = detailsOf(response);
      const fields = byField(details);
      expect(fields['description']).toEqual({
        field: 'description',
        message: 'Too small: expected string to have >=10 characters',
        messageTh: 'ต้องมีอย่างน้อย 10 ตัวอักษร',
      });
      expect(fields['complainant.email']?.messageTh).toBe('รูปแบบอีเมลไม่ถูกต้อง');
      expect(fields['complainant.email']?.message).toBe('Invalid email address');
      expect(fields['location.provinceCode']?.messageTh).toBe('ต้องเป็นตัวเลข 2 หลัก');
      expect(fields['location.provinceCode']?.message).toBe('must be 2 digits');
      expect(fields['colour']?.messageTh).toBe('ไม่รู้จักช่อง colour');
      expect(fields['channel']?.messageTh).toBe('ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: web, mobile_app');
      for (const detail of details) expect(detail.messageTh, detail.field).toMatch(/[\u0E00-\u0E7F]/);
    });

    it('asks for a missing description, and says a wrong type is one', async () => {
      const response = await t.request({ method: 'POST', url: '/api/v1/public/complaints', body: { anonymous: 'yes' } });
      expect(response.statusCode).toBe(400);
      const fields = byField(detailsOf(response));
      expect(fields['description']?.messageTh).toBe('กรุณากรอกข้อมูลนี้');
      expect(fields['anonymous']?.messageTh).toBe('ต้องเป็นค่าใช่หรือไม่ใช่ (true หรือ false)');
    });

    it('names an unknown province in Thai', async () => {
      const response = await t.request({
        method: 'POST',
        url: '/api/v1/public/complaints',
        body: { description: 'ถนนหน้าบ้านเป็นหลุมใหญ่ รถจักรยานยนต์ล้มบ่อยมาก', location: { provinceCode: '99' } },
      });
      expect(response.statusCode).toBe(400);
      expect(detailsOf(response)).toEqual([{ field: 'location.provinceCode', message: 'unknown province 99', messageTh: 'ไม่พบจังหวัดรหัส 99' }]);
    });

    it('says a custom refinement in Thai', async () => {
      const response = await t.request({ method: 'POST', url: '/api/v1/public/complaints', body: { description: 'ถนนหน้าบ้านเป็นหลุมใหญ่มาก', location: { lat: 16.2 } } });
      expect(response.statusCode).toBe(400);
      expect(byField(detailsOf(response))['location.lon']).toEqual({ field: 'location.lon', message: 'lat and lon go together', messageTh: 'กรุณาระบุละติจูดและลองจิจูดคู่กัน' });
    });
  });

  describe('a bad case-list query', () => {
    it('names query fields in Thai, from the schema and from the use case', async () => {
      const schema = await t.request({ method: 'GET', url: '/api/v1/cases?limit=0&sort=random', as: 'hub.supervisor' });
      expect(schema.statusCode).toBe(400);
      const fields = byField(detailsOf(schema));
      expect(fields['query.limit']?.messageTh).toBe('ต้องไม่น้อยกว่า 1');
      expect(fields['query.sort']?.messageTh).toBe('ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: newest, oldest, due');

      const useCase = await t.request({ method: 'GET', url: '/api/v1/cases?from=2025-03-10&to=2025-03-01', as: 'hub.supervisor' });
      expect(useCase.statusCode).toBe(400);
      expect(detailsOf(useCase)).toEqual([{ field: 'query.to', message: 'must be after from', messageTh: 'ต้องเป็นวันที่หลังวันเริ่มต้น' }]);
    });
  });
});
