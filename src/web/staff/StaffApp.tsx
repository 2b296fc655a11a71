/**
 * The staff console (loaded only when a /staff page is opened, so citizens never download
 * it): sign-in, then the agency's cases.
 */
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch } from 'wouter';
import { SessionProvider, useSession, ADMIN_ROLES } from '../api/session.tsx';
import { Layout, Loading } from '../components/Layout.tsx';
import { addCatalogues } from '../i18n/index.ts';
import { enStaff } from '../i18n/en/staff.ts';
import { thStaff } from '../i18n/th/staff.ts';
import { LoginPage } from './LoginPage.tsx';

addCatalogues('staff', thStaff, enStaff);

export default function StaffApp() {
  return (
    <SessionProvider>
      <StaffFrame />
    </SessionProvider>
  );
}

function StaffFrame() {
  const { t, i18n } = useTranslation('staff');
  const { user, signOut } = useSession();
  if (user === undefined) return <Loading />;
  const nav = user ? (
    <>
      <Link href="/">{t('nav.inbox')}</Link>
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
          <Route path="/">
            <h1>{t('nav.inbox')}</h1>
          </Route>
        </Switch>
      ) : (
        <LoginPage />
      )}
    </Layout>
  );
}
