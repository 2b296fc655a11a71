/**
 * Who may open a case's files. A photo or a scan often shows who complained (a face, an ID
 * card, a signature), so the files of a confidential (ปกปิดตัวตน) or sensitive case are the
 * identity's: only those who may reveal the identity open them. Other cases' files are open
 * to everyone who may view the case.
 */
import { can, type CaseFacts } from '../agencies/policy/case.ts';
import { type Actor } from '../agencies/policy/staff.ts';
import type { AttachmentAudience } from './queries.ts';

/**
 * Which of the case's files the actor may see at all: a follower (an agency that sent the case
 * on) only those of the public timeline and of follow-ups; any other relation in scope every file.
 * A file outside the audience is not found, as another case's file is.
 */
export function attachmentAudienceOf(facts: Pick<CaseFacts, 'relation'>): AttachmentAudience {
  return facts.relation === 'follower' ? 'follower' : 'staff';
}

export function mayOpenAttachments(actor: Actor, facts: CaseFacts, record: { confidential: boolean; sensitive: boolean }): boolean {
  if (!can(actor, 'view', facts)) return false;
  return !(record.confidential || record.sensitive) || can(actor, 'view_identity', facts);
}
