/**
 * The staff console (loaded only when a /staff page is opened, so citizens never download
 * it): sign-in, then the inbox, the screening queue, a case, and intake of complaints taken
 * by phone, at the counter or by post. Routes are relative to /staff.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch, useLocation } from 'wouter';
import { canRecordIntake, canScreenCases } from '../../shared/staff-work.ts';
import { SessionProvider, useSession, ADMIN_ROLES } from '../api/session.tsx';
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

export default function StaffApp() {
  return (
    <SessionProvider>
      <StaffFrame />
    </SessionProvider>
  );
}

/** A menu link that says which page is open (aria-current), in words as well as style. */
function NavLink({ href, children, exact = false }: { href: string; children: ReactNode; exact?: boolean }) {
  const [location] = useLocation();
  const current = exact ? location === href || location === '' : location === href || location.startsWith(`${href}/`);
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
  const nav = user ? (
    <>
      <NavLink href="/" exact>
        {t('nav.inbox')}
      </NavLink>
      {/* The same predicates the server enforces; the menu only hides what would answer 403
          (the pages say so plainly if it does), and a case's actions come from its `permissions`. */}
      {canScreenCases(user) ? <NavLink href="/screening">{t('nav.screening')}</NavLink> : null}
      {canRecordIntake(user) ? <NavLink href="/intake">{t('nav.intake')}</NavLink> : null}
      {ADMIN_ROLES.includes(user.role) ? <Link href="~/admin">{t('nav.admin')}</Link> : null}
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
          <Route path="/" component={InboxPage} />
          <Route path="/screening" component={ScreeningPage} />
          <Route path="/intake" component={IntakePage} />
          <Route path="/cases/:id">{(params) => <CasePage key={params.id} id={params.id} />}</Route>
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
