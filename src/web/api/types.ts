/**
 * Response and request types of the API, from its zod schemas in src/shared/api (the single
 * source of truth): z.output for what the server answers, z.input for what the web app sends.
 */
import type { z } from 'zod';
import type { PublicComplaintSchema } from '../../shared/api/complaints.ts';
import type { StaffIntakeSchema } from '../../shared/api/cases.ts';

export type { CaseDetail, CaseList, CaseListItem, Identity } from '../../shared/api/cases.ts';
export type { PublicCase, Receipt } from '../../shared/api/complaints.ts';
export type { AdminArea, Category } from '../../shared/api/reference.ts';
export type { PublicSettings } from '../../shared/api/settings.ts';

export type PublicComplaint = z.input<typeof PublicComplaintSchema>;
export type StaffIntake = z.input<typeof StaffIntakeSchema>;
