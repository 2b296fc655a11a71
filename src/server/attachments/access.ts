/**
 * Who may open a case's files. A photo or a scan often shows who complained (a face, an ID
 * card, a signature), so the files of a confidential (ปกปิดตัวตน) or sensitive case are the
 * identity's: only those who may reveal the identity open them. Other cases' files are open
 * to everyone who may view the case.
 */
import { can, type CaseFacts } from '../agencies/policy/case.ts';
import { type Actor } from '../agencies/policy/staff.ts';

export function mayOpenAttachments(actor: Actor, facts: CaseFacts, record: { confidential: boolean; sensitive: boolean }): boolean {
  if (!can(actor, 'view', facts)) return false;
  return !(record.confidential || record.sensitive) || can(actor, 'view_identity', facts);
}
