/**
 * Who among staff hears of something about a case. Pure: the caller gives the agency concerned
 * and those above it, each with the roles its active users have.
 *
 * Each notice has its usual readers (the due-soon reminder: the holder's case officers) and,
 * where those are missing, whom to tell instead: a notice that reaches nobody is a deadline
 * nobody watches. An office whose only user is its supervisor is reminded through the
 * supervisor; an office without a supervisor has its overdue cases escalated to the nearest
 * supervisor above it; without a CCEO above, the second escalation goes back to supervisors.
 */
import { ROLE_LABELS_TH, type Role } from '../../shared/case-model.ts';

/** What staff are told of, as far as choosing who hears it goes. */
export type StaffNotice =
  | 'due_soon'
  | 'progress_reminder'
  /** The first escalation of an overdue case. */
  | 'overdue'
  /** The second escalation, some business days after the first. */
  | 'cceo_escalation'
  /** A case assigned or forwarded to the agency. */
  | 'assigned'
  /** A case returned to the agency for screening again. */
  | 'returned'
  /** เร่งรัด: an agency that sent the case on presses its holder. */
  | 'followed_up'
  /** News of a case to an agency that follows it (sent it on): resolved, returned or overdue where it is held. */
  | 'following';

/** An agency, with the roles of its active users. */
export interface StaffedAgency {
  id: string;
  code: string;
  roles: readonly Role[];
}

export interface Recipients {
  agencyId: string;
  agencyCode: string;
  /** Every active user of the agency with one of these roles is told. */
  roles: Role[];
  /** Not the notice's usual readers: they were missing. */
  fallback: boolean;
}

/** `own`: the agency concerned (the holder, or where the case was sent); `above`: the nearest agency above it that has one of the roles. */
interface Tier {
  at: 'own' | 'above';
  roles: Role[];
}

const REMINDER: readonly Tier[] = [
  { at: 'own', roles: ['case_officer'] },
  { at: 'own', roles: ['supervisor'] },
  // A case still waiting for screening where nobody else works.
  { at: 'own', roles: ['intake_officer'] },
];

const ESCALATION: readonly Tier[] = [
  { at: 'own', roles: ['supervisor'] },
  { at: 'above', roles: ['supervisor'] },
  { at: 'own', roles: ['case_officer'] },
  { at: 'own', roles: ['intake_officer'] },
];

/** Whoever works the case in the agency, and its supervisor; where nobody does yet, whoever screens it. */
const CASE_WORKERS: readonly Tier[] = [
  { at: 'own', roles: ['case_officer', 'supervisor'] },
  { at: 'own', roles: ['intake_officer'] },
];

/** First tier: the usual readers; the next ones in turn where nobody holds a role of the one before. */
const TIERS: Record<StaffNotice, readonly Tier[]> = {
  due_soon: REMINDER,
  progress_reminder: REMINDER,
  overdue: ESCALATION,
  cceo_escalation: [{ at: 'above', roles: ['cceo'] }, { at: 'own', roles: ['cceo'] }, ...ESCALATION],
  assigned: CASE_WORKERS,
  returned: [
    { at: 'own', roles: ['intake_officer', 'supervisor'] },
    { at: 'own', roles: ['case_officer'] },
  ],
  followed_up: CASE_WORKERS,
  // Those who sent it on, the same people in their agency.
  following: CASE_WORKERS,
};

/**
 * Who is told of `notice`: `chain` is the agency concerned first, then the agencies above it,
 * nearest first. The first tier some active user belongs to is told, with all of that tier's
 * roles; undefined when nobody in the chain can be told.
 */
export function chooseRecipients(notice: StaffNotice, chain: readonly StaffedAgency[]): Recipients | undefined {
  const [own, ...above] = chain;
  if (!own) return undefined;
  const tiers = TIERS[notice];
  for (const [index, tier] of tiers.entries()) {
    const agency = (tier.at === 'own' ? [own] : above).find((candidate) => tier.roles.some((role) => candidate.roles.includes(role)));
    if (agency) return { agencyId: agency.id, agencyCode: agency.code, roles: [...tier.roles], fallback: index > 0 };
  }
  return undefined;
}

/** The line a fallback notification carries, in Thai: why it reached these readers and not the usual ones. */
export function fallbackNoteTh(notice: StaffNotice, ownNameTh: string): string {
  const usual = TIERS[notice][0];
  const roles = usual?.roles.map((role) => ROLE_LABELS_TH[role]).join('หรือ') ?? '';
  return usual?.at === 'above'
    ? `แจ้งถึงท่านแทน เนื่องจากหน่วยงานเหนือ${ownNameTh}ไม่มี${roles}ที่ใช้งานอยู่ในระบบ`
    : `แจ้งถึงท่านแทน เนื่องจาก${ownNameTh}ไม่มี${roles}ที่ใช้งานอยู่ในระบบ`;
}
