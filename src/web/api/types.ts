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
import type { CategorySchema } from '../../server/agencies/routes.ts';
import type { AreaSchema, SubdistrictSchema } from '../../server/reference/routes.ts';

export type PublicCase = z.output<typeof PublicCaseSchema>;
export type Receipt = z.output<typeof ReceiptSchema>;
export type PublicComplaint = z.input<typeof PublicComplaintSchema>;
export type StaffIntake = z.input<typeof StaffIntakeSchema>;
export type CaseList = z.output<typeof CaseListSchema>;
export type CaseListItem = z.output<typeof CaseListItemSchema>;
export type CaseDetail = z.output<typeof CaseDetailSchema>;
export type Identity = z.output<typeof IdentitySchema>;

export type Category = z.output<typeof CategorySchema>;

/** A province or district; subdistricts add their postcode and centroid. */
export type AdminArea = z.output<typeof AreaSchema> & Partial<Pick<z.output<typeof SubdistrictSchema>, 'postcode' | 'lat' | 'lon'>>;
