/** Typed translation keys: `t('citizen:file.heading')` is checked against the Thai catalogues. */
import 'i18next';
import type { thAdmin } from './th/admin.ts';
import type { thCitizen } from './th/citizen.ts';
import type { thCommon } from './th/common.ts';
import type { thDashboard } from './th/dashboard.ts';
import type { thReports } from './th/reports.ts';
import type { thStaff } from './th/staff.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: { common: typeof thCommon; citizen: typeof thCitizen; staff: typeof thStaff; admin: typeof thAdmin; dashboard: typeof thDashboard; reports: typeof thReports };
  }
}
