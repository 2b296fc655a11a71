/**
 * The routes. The citizen portal is in the first download; the staff console and the
 * administration are separate chunks loaded when their pages open.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Switch } from 'wouter';
import { FilePage } from './citizen/FilePage.tsx';
import { HomePage } from './citizen/HomePage.tsx';
import { AccessKeyRequestPage } from './citizen/AccessKeyRequestPage.tsx';
import { ReceiptPage } from './citizen/ReceiptPage.tsx';
import { TrackLookupPage, TrackPage } from './citizen/TrackPage.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { Layout, Loading } from './components/Layout.tsx';

const StaffApp = lazy(() => import('./staff/StaffApp.tsx'));
const AdminApp = lazy(() => import('./admin/AdminApp.tsx'));
// ติดต่อหน่วยงาน: with the agency search, outside the first download.
const AgencyFinderPage = lazy(() => import('./citizen/AgencyContactPage.tsx').then((module) => ({ default: module.AgencyFinderPage })));
const AgencyContactPage = lazy(() => import('./citizen/AgencyContactPage.tsx').then((module) => ({ default: module.AgencyContactPage })));
// รายงานผลการดำเนินงานเรื่องร้องเรียน: an agency's published reports, outside the first download too.
const AgencyReportsPage = lazy(() => import('./citizen/AgencyReportsPage.tsx'));

/** A path segment as typed, or as it came when it is not valid percent-encoding. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function App() {
  return (
    <ErrorBoundary>
      <Switch>
        <Route path="/staff" nest>
          <Suspense fallback={<Loading />}>
            <StaffApp />
          </Suspense>
        </Route>
        <Route path="/admin" nest>
          <Suspense fallback={<Loading />}>
            <AdminApp />
          </Suspense>
        </Route>
        <Route>
          <Layout>
            <Switch>
              <Route path="/" component={HomePage} />
              <Route path="/file" component={FilePage} />
              <Route path="/receipt" component={ReceiptPage} />
              <Route path="/track">{() => <TrackLookupPage />}</Route>
              <Route path="/track/new-key" component={AccessKeyRequestPage} />
              <Route path="/track/:code">{(params) => <TrackPage key={params.code} code={decodeSegment(params.code)} />}</Route>
              <Route path="/agencies">
                <Suspense fallback={<Loading />}>
                  <AgencyFinderPage />
                </Suspense>
              </Route>
              <Route path="/agencies/:code/reports">
                {(params) => (
                  <Suspense fallback={<Loading />}>
                    <AgencyReportsPage key={params.code} code={decodeSegment(params.code)} />
                  </Suspense>
                )}
              </Route>
              <Route path="/agencies/:code">
                {(params) => (
                  <Suspense fallback={<Loading />}>
                    <AgencyContactPage key={params.code} code={decodeSegment(params.code)} />
                  </Suspense>
                )}
              </Route>
              <Route component={NotFound} />
            </Switch>
          </Layout>
        </Route>
      </Switch>
    </ErrorBoundary>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <h1>{t('errors.notFound')}</h1>;
}
