/**
 * รายงานผลการดำเนินงานเรื่องร้องเรียน in the staff console (/staff/reports…): the reports of the
 * user's agency subtree, a new one, and one report. Loaded only when opened (React.lazy in
 * StaffApp), with its catalogue.
 */
import { Route, Switch } from 'wouter';
import { addCatalogues } from '../../i18n/index.ts';
import { enReports } from '../../i18n/en/reports.ts';
import { thReports } from '../../i18n/th/reports.ts';
import { NewReportPage } from './NewReportPage.tsx';
import { ReportListPage } from './ReportListPage.tsx';
import { ReportPage } from './ReportPage.tsx';
import './reports.css';

addCatalogues('reports', thReports, enReports);

export default function ReportsPages() {
  return (
    <Switch>
      <Route path="/" component={ReportListPage} />
      <Route path="/new" component={NewReportPage} />
      <Route path="/:id">{(params) => <ReportPage key={params.id} id={params.id} />}</Route>
    </Switch>
  );
}
