/** English: administration. */
import type { CatalogueOf } from '../index.ts';
import type { thAdmin } from '../th/admin.ts';

export const enAdmin: CatalogueOf<typeof thAdmin> = {
  title: 'Administration',
};
