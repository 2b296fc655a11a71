/**
 * The staff console (loaded only when a /staff page is opened, so citizens never download
 * it): sign-in, then the inbox, the screening queue, a case, intake of complaints taken
 * by phone, at the counter or by post, the executive's dashboard and the periodic complaint
 * reports. Routes are relative to
 * /staff; /staff itself sends each role to its own first page (administrators to the
 * administration).
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import { STAFF_PAGES, type StaffPage } from '../../shared/staff-work.ts';
import { SessionProvider, useSession, type StaffUser } from '../api/session.tsx';
import { Layout, Loading } from '../components/Layout.tsx';
import { addCatalogues } from '../i18n/index.ts';
import { enStaff } from '../i18n/en/staff.ts';
import { thStaff } from '../i18n/th/staff.ts';
import { CasePage } from './CasePage.tsx';
import { InboxPage } from './InboxPage.tsx';
import { IntakePage } from './IntakePage.tsx';
import { LoginPage } from './LoginPage.tsx';
import { ScreeningPage } from './ScreeningPage.tsx';
import './staff.css';

addCatalogues('staff', thStaff, enStaff);

/** The dashboard, its map and its catalogue come only when it is opened. */
const DashboardPage = lazy(() => import('./dashboard/DashboardPage.tsx'));
/** The report pages and their catalogue, likewise. */
const ReportsPages = lazy(() => import('./reports/ReportsPages.tsx'));

export default function StaffApp() {
  return (
    <SessionProvider>
      <StaffFrame />
    </SessionProvider>
  );
}

/** Where each page of the console lives (relative to /staff); the administration is its own app. */
const PAGE_PATHS: Record<StaffPage, string> = { inbox: '/inbox', screening: '/screening', intake: '/intake', dashboard: '/dashboard', reports: '/reports', admin: '~/admin' };

/** A menu link that says which page is open (aria-current), in words as well as style. */
function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const [location] = useLocation();
  const current = location === href || location.startsWith(`${href}/`);
  return (
    <Link href={href} aria-current={current ? 'page' : undefined} className={current ? 'is-current' : undefined}>
      {children}
    </Link>
  );
}

function StaffFrame() {
  const { t, i18n } = useTranslation(['staff', 'common']);
  const { user, signOut } = useSession();
  if (user === undefined) return <Loading />;
  // The menu offers the user's pages only, as the server's policy gave them (in menu order), so
  // no page calls what the role may not; a case's actions come from its `permissions`.
  const nav = user ? (
    <>
      {STAFF_PAGES.filter((page) => user.pages.includes(page)).map((page) =>
        page === 'admin' ? (
          <Link key={page} href={PAGE_PATHS.admin}>
            {t('nav.admin')}
          </Link>
        ) : (
          <NavLink key={page} href={PAGE_PATHS[page]}>
            {t(`nav.${page}`)}
          </NavLink>
        ),
      )}
    </>
  ) : (
    <span />
  );
  const aside = user ? (
    <>
      <span className="who">
        {t('nav.signedInAs', { name: user.displayName })} · {i18n.language === 'th' ? user.agency.nameTh : user.agency.nameEn}
      </span>
      <button type="button" className="button button--ghost" onClick={() => void signOut()}>
        {t('nav.signOut')}
      </button>
    </>
  ) : null;
  return (
    <Layout nav={nav} aside={aside} wide>
      {user ? (
        <Switch>
          <Route path="/">
            <Landing user={user} />
          </Route>
          <Route path="/inbox">{user.pages.includes('inbox') ? <InboxPage /> : <NotYourPage user={user} />}</Route>
          <Route path="/screening">{user.pages.includes('screening') ? <ScreeningPage /> : <NotYourPage user={user} />}</Route>
          <Route path="/intake">{user.pages.includes('intake') ? <IntakePage /> : <NotYourPage user={user} />}</Route>
          <Route path="/dashboard">
            {user.pages.includes('dashboard') ? (
              <Suspense fallback={<Loading />}>
                <DashboardPage />
              </Suspense>
            ) : (
              <NotYourPage user={user} />
            )}
          </Route>
          <Route path="/reports" nest>
            {user.pages.includes('reports') ? (
              <Suspense fallback={<Loading />}>
                <ReportsPages />
              </Suspense>
            ) : (
              <NotYourPage user={user} />
            )}
          </Route>
          {/* A case is opened from the inbox: whoever works there. */}
          <Route path="/cases/:id">{(params) => (user.pages.includes('inbox') ? <CasePage key={params.id} id={params.id} /> : <NotYourPage user={user} />)}</Route>
          <Route>
            <h1>{t('common:errors.notFound')}</h1>
          </Route>
        </Switch>
      ) : (
        <LoginPage />
      )}
    </Layout>
  );
}

/**
 * /staff itself: each role goes to its own first page. The inbox keeps the query string, so an
 * address bookmarked before the inbox had its own (/staff?q=…) still opens that view.
 */
function Landing({ user }: { user: StaffUser }) {
  const search = useSearch();
  const home = homePageOf(user);
  return <Redirect to={`${PAGE_PATHS[home]}${home === 'inbox' && search ? `?${search}` : ''}`} replace />;
}

/** Where the user lands after sign-in and on /staff: their first page. */
function homePageOf(user: StaffUser): StaffPage {
  return user.pages[0] ?? 'inbox';
}

/** A page of another role, opened by its address: said plainly, with the way to the user's own first page. */
function NotYourPage({ user }: { user: StaffUser }) {
  const { t } = useTranslation('staff');
  const home = homePageOf(user);
  return (
    <div>
      <h1>{t('states.notYourPage')}</h1>
      <p>
        <Link href={PAGE_PATHS[home]}>{t('states.goHome', { page: t(`nav.${home}`) })}</Link>
      </p>
    </div>
  );
}
