/**
 * Response and request types of the API, taken from the server's zod schemas (the single
 * source of truth) as types only: nothing of the server reaches the bundle.
 */
import type { z } from 'zod';
import type {
  CaseDetailSchema,
  CaseListItemSchema,
  CaseListSchema,
  IdentitySchema,
  PublicCaseSchema,
  PublicComplaintSchema,
  ReceiptSchema,
  StaffIntakeSchema,
} from '../../server/cases/schema.ts';

export type PublicCase = z.output<typeof PublicCaseSchema>;
export type Receipt = z.output<typeof ReceiptSchema>;
export type PublicComplaint = z.input<typeof PublicComplaintSchema>;
export type StaffIntake = z.input<typeof StaffIntakeSchema>;
export type CaseList = z.output<typeof CaseListSchema>;
export type CaseListItem = z.output<typeof CaseListItemSchema>;
export type CaseDetail = z.output<typeof CaseDetailSchema>;
export type Identity = z.output<typeof IdentitySchema>;

export interface Category {
  code: string;
  parentCode: string | null;
  nameTh: string;
  nameEn: string;
  sensitive: boolean;
  aliases: string[];
}

export interface AdminArea {
  code: string;
  nameTh: string;
  nameEn: string;
  postcode?: string | null;
}
