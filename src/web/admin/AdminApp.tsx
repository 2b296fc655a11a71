/** Administration (loaded only when an /admin page is opened). */
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch } from 'wouter';
import { ADMIN_ROLES, SessionProvider, useSession } from '../api/session.tsx';
import { Layout, Loading } from '../components/Layout.tsx';
import { addCatalogues } from '../i18n/index.ts';
import { enAdmin } from '../i18n/en/admin.ts';
import { enStaff } from '../i18n/en/staff.ts';
import { thAdmin } from '../i18n/th/admin.ts';
import { thStaff } from '../i18n/th/staff.ts';
import { LoginPage } from '../staff/LoginPage.tsx';

addCatalogues('staff', thStaff, enStaff);
addCatalogues('admin', thAdmin, enAdmin);

export default function AdminApp() {
  return (
    <SessionProvider>
      <AdminFrame />
    </SessionProvider>
  );
}

function AdminFrame() {
  const { t } = useTranslation('admin');
  const { user } = useSession();
  if (user === undefined) return <Loading />;
  return (
    <Layout wide nav={<Link href="~/staff">{t('staff:nav.inbox')}</Link>}>
      {!user ? (
        <LoginPage />
      ) : !ADMIN_ROLES.includes(user.role) ? (
        <p>{t('common:errors.notFound')}</p>
      ) : (
        <Switch>
          <Route path="/">
            <h1>{t('title')}</h1>
          </Route>
        </Switch>
      )}
    </Layout>
  );
}
