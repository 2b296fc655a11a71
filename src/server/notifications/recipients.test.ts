import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/case-model.ts';
import { chooseRecipients, fallbackNoteTh, type StaffedAgency, type StaffNotice } from './recipients.ts';

const agency = (code: string, ...roles: Role[]): StaffedAgency => ({ id: `id-${code}`, code, roles });
/** Who is told, as `code: roles` (and `*` when a fallback), or null for nobody. */
const told = (notice: StaffNotice, ...chain: StaffedAgency[]) => {
  const recipients = chooseRecipients(notice, chain);
  return recipients ? `${recipients.agencyCode}: ${recipients.roles.join(',')}${recipients.fallback ? ' *' : ''}` : null;
};

const ministry = agency('moph', 'cceo', 'supervisor');
const province = agency('pho-66', 'case_officer', 'supervisor');

describe('chooseRecipients', () => {
  describe.each(['due_soon', 'progress_reminder'] as const)('%s reminder', (notice) => {
    it("goes to the holder's case officers, and only to them where there are some", () => {
      expect(told(notice, agency('dho-6604', 'case_officer', 'supervisor', 'intake_officer'), province)).toBe('dho-6604: case_officer');
    });

    it("falls back to the holder's supervisors where it has no active case officer", () => {
      expect(told(notice, agency('dho-6604', 'supervisor'), province)).toBe('dho-6604: supervisor *');
      expect(told(notice, agency('dho-6604', 'supervisor', 'cceo', 'agency_admin'), province)).toBe('dho-6604: supervisor *');
    });

    it('then to its intake officers (a case still waiting for screening where nobody else works)', () => {
      expect(told(notice, agency('hub', 'intake_officer', 'system_admin'))).toBe('hub: intake_officer *');
    });

    it('never to another agency, nor to administrators; nobody when the holder has none of these', () => {
      expect(told(notice, agency('dho-6604', 'agency_admin'), province)).toBeNull();
      expect(told(notice, agency('dho-6604'), province, ministry)).toBeNull();
      expect(told(notice)).toBeNull();
    });
  });

  describe('overdue escalation', () => {
    it("goes to the holder's supervisors", () => {
      expect(told('overdue', agency('dho-6604', 'case_officer', 'supervisor'), province)).toBe('dho-6604: supervisor');
    });

    it('goes to the nearest supervisor above a holder that has none', () => {
      expect(told('overdue', agency('dho-6604', 'case_officer'), agency('pho-66', 'case_officer'), ministry)).toBe('moph: supervisor *');
      expect(told('overdue', agency('dho-6604', 'case_officer'), province, ministry)).toBe('pho-66: supervisor *');
    });

    it("with no supervisor anywhere, to the holder's case officers, then its intake officers", () => {
      expect(told('overdue', agency('dho-6604', 'case_officer', 'intake_officer'), agency('hub', 'cceo'))).toBe('dho-6604: case_officer *');
      expect(told('overdue', agency('dho-6604', 'intake_officer'))).toBe('dho-6604: intake_officer *');
      expect(told('overdue', agency('dho-6604', 'cceo'))).toBeNull();
    });
  });

  describe('second escalation', () => {
    it('goes to the nearest CCEO above the holder', () => {
      expect(told('cceo_escalation', agency('dho-6604', 'case_officer', 'supervisor', 'cceo'), agency('pho-66', 'case_officer'), ministry, agency('hub', 'cceo'))).toBe('moph: cceo');
    });

    it("to the holder's own CCEO where none is above, and else back to the supervisors as the first one", () => {
      expect(told('cceo_escalation', agency('moph', 'cceo', 'supervisor'), agency('hub', 'supervisor'))).toBe('moph: cceo *');
      expect(told('cceo_escalation', agency('dho-6604', 'case_officer', 'supervisor'), province)).toBe('dho-6604: supervisor *');
      expect(told('cceo_escalation', agency('dho-6604', 'case_officer'), province)).toBe('pho-66: supervisor *');
    });
  });

  describe('assignment and return', () => {
    it('an assignment reaches the case officers and supervisors, else the intake officers', () => {
      expect(told('assigned', agency('dho-6604', 'case_officer', 'intake_officer'))).toBe('dho-6604: case_officer,supervisor');
      expect(told('assigned', agency('dho-6604', 'supervisor'))).toBe('dho-6604: case_officer,supervisor');
      expect(told('assigned', agency('hub', 'intake_officer'))).toBe('hub: intake_officer *');
    });

    it('a return reaches who screens there, else the case officers', () => {
      expect(told('returned', agency('pho-66', 'intake_officer', 'case_officer'))).toBe('pho-66: intake_officer,supervisor');
      expect(told('returned', agency('pho-66', 'case_officer'), ministry)).toBe('pho-66: case_officer *');
    });
  });

  it('gives the agency id with the code', () => {
    expect(chooseRecipients('due_soon', [agency('dho-6604', 'supervisor')])).toEqual({ agencyId: 'id-dho-6604', agencyCode: 'dho-6604', roles: ['supervisor'], fallback: true });
  });
});

describe('fallbackNoteTh', () => {
  it('says in Thai whom the notice would have reached', () => {
    expect(fallbackNoteTh('due_soon', 'สำนักงานสาธารณสุขอำเภอตะพานหิน')).toBe('แจ้งถึงท่านแทน เนื่องจากสำนักงานสาธารณสุขอำเภอตะพานหินไม่มีผู้รับผิดชอบเรื่องที่ใช้งานอยู่ในระบบ');
    expect(fallbackNoteTh('overdue', 'สำนักงานสาธารณสุขอำเภอตะพานหิน')).toContain('ไม่มีหัวหน้างาน');
    expect(fallbackNoteTh('cceo_escalation', 'สำนักงานสาธารณสุขอำเภอตะพานหิน')).toContain('หน่วยงานเหนือสำนักงานสาธารณสุขอำเภอตะพานหินไม่มีผู้บริหารระดับสูง');
  });
});
