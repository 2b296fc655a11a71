/**
 * Administration (loaded only when an /admin page is opened): for agency administrators and
 * system administrators. A side menu (a row on phones) leads to the agency tree, users and
 * roles, the agencies' channels (their LINE and Facebook accounts, the e-mails their mailbox kept for a person), categories, SLA policies, the holiday calendar and the routing rules, and — for who
 * administers every agency — the partner systems and the exchange log. The API enforces each
 * administrator's scope; the pages show its refusals.
 */
import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { SessionProvider, useSession } from '../api/session.tsx';
import { Layout, Loading } from '../components/Layout.tsx';
import { addCatalogues } from '../i18n/index.ts';
import { enAdmin } from '../i18n/en/admin.ts';
import { enStaff } from '../i18n/en/staff.ts';
import { thAdmin } from '../i18n/th/admin.ts';
import { thStaff } from '../i18n/th/staff.ts';
import { LoginPage } from '../staff/LoginPage.tsx';
import './admin.css';
import { AgenciesPage } from './AgenciesPage.tsx';
import { CategoriesPage } from './CategoriesPage.tsx';
import { ChannelsPage } from './ChannelsPage.tsx';
import { ChatAccountsPage } from './ChatAccountsPage.tsx';
import { ExchangeLogPage } from './ExchangeLogPage.tsx';
import { HeldEmailsPage } from './HeldEmailsPage.tsx';
import { HolidaysPage } from './HolidaysPage.tsx';
import { RoutingRulesPage } from './RoutingRulesPage.tsx';
import { SlaPoliciesPage } from './SlaPoliciesPage.tsx';
import { Open311AppsPage } from './Open311AppsPage.tsx';
import { PartnersPage } from './PartnersPage.tsx';
import { PageHeading } from './ui.tsx';
import { UsersPage } from './UsersPage.tsx';

addCatalogues('staff', thStaff, enStaff);
addCatalogues('admin', thAdmin, enAdmin);

export default function AdminApp() {
  return (
    <SessionProvider>
      <AdminFrame />
    </SessionProvider>
  );
}

/**
 * The pages in menu order: path under /admin and the catalogue key of the name. The partner
 * registry binds every agency of the tree, so its pages are offered only to who administers
 * every agency (the server's `administersEveryAgency`; its policy decides, and refuses others).
 */
type PageKey = 'agencies' | 'channels' | 'chatAccounts' | 'heldEmails' | 'users' | 'categories' | 'slaPolicies' | 'holidays' | 'routingRules' | 'partners' | 'exchangeLog' | 'open311Apps';
const PAGES: ReadonlyArray<{ path: string; key: PageKey; everyAgency?: true }> = [
  { path: '/agencies', key: 'agencies' },
  { path: '/channels', key: 'channels' },
  { path: '/chat-accounts', key: 'chatAccounts' },
  { path: '/held-emails', key: 'heldEmails' },
  { path: '/users', key: 'users' },
  { path: '/categories', key: 'categories' },
  { path: '/sla-policies', key: 'slaPolicies' },
  { path: '/holidays', key: 'holidays' },
  { path: '/routing-rules', key: 'routingRules' },
  { path: '/partners', key: 'partners', everyAgency: true },
  { path: '/exchange', key: 'exchangeLog', everyAgency: true },
  { path: '/open311', key: 'open311Apps', everyAgency: true },
];

/** The pages this administrator is offered. */
function usePages() {
  const { user } = useSession();
  return PAGES.filter((page) => !page.everyAgency || user?.administersEveryAgency === true);
}

function AdminFrame() {
  const { t, i18n } = useTranslation(['admin', 'staff']);
  const { user, signOut } = useSession();
  if (user === undefined) return <Loading />;
  const aside = user ? (
    <>
      <span className="who">
        {t('staff:nav.signedInAs', { name: user.displayName })} · {i18n.language === 'th' ? user.agency.nameTh : user.agency.nameEn}
      </span>
      <button type="button" className="button button--ghost" onClick={() => void signOut()}>
        {t('staff:nav.signOut')}
      </button>
    </>
  ) : null;
  // The console's pages of the user, as the server's policy gave them (none for administrators, who work on no case).
  const consolePages = user ? user.pages.filter((page) => page !== 'admin') : [];
  return (
    <Layout wide aside={aside} nav={consolePages.length > 0 ? <Link href="~/staff">{t('nav.console')}</Link> : <span />}>
      {!user ? (
        <LoginPage />
      ) : !user.pages.includes('admin') ? (
        // Someone who does not administer, here by an address: to their own first page.
        <Redirect to="~/staff" replace />
      ) : (
        <div className="admin-shell">
          <AdminMenu />
          <div className="admin-content">
            <Switch>
              <Route path="/" component={AdminHome} />
              <Route path="/agencies" component={AgenciesPage} />
              <Route path="/channels" component={ChannelsPage} />
              <Route path="/chat-accounts" component={ChatAccountsPage} />
              <Route path="/held-emails" component={HeldEmailsPage} />
              <Route path="/users" component={UsersPage} />
              <Route path="/categories" component={CategoriesPage} />
              <Route path="/sla-policies" component={SlaPoliciesPage} />
              <Route path="/holidays" component={HolidaysPage} />
              <Route path="/routing-rules" component={RoutingRulesPage} />
              <Route path="/partners">{user.administersEveryAgency ? <PartnersPage /> : <SystemOnly titleKey="partners" />}</Route>
              <Route path="/exchange">{user.administersEveryAgency ? <ExchangeLogPage /> : <SystemOnly titleKey="exchangeLog" />}</Route>
              <Route path="/open311">{user.administersEveryAgency ? <Open311AppsPage /> : <SystemOnly titleKey="open311Apps" />}</Route>
              <Route>
                <PageHeading title={t('states.notFound')} />
              </Route>
            </Switch>
          </div>
        </div>
      )}
    </Layout>
  );
}

function AdminMenu() {
  const { t } = useTranslation(['admin', 'staff']);
  const [location] = useLocation();
  const pages = usePages();
  const item = (path: string, label: string) => {
    const current = path === '/' ? location === '/' : location === path || location.startsWith(`${path}/`);
    return (
      <li key={path}>
        <Link href={path} className={current ? 'admin-menu__link admin-menu__link--current' : 'admin-menu__link'} aria-current={current ? 'page' : undefined}>
          {label}
        </Link>
      </li>
    );
  };
  return (
    <nav className="admin-menu" aria-label={t('nav.label')}>
      <ul>
        {item('/', t('nav.home'))}
        {pages.map((page) => item(page.path, t(`nav.${page.key}`)))}
      </ul>
    </nav>
  );
}

function AdminHome() {
  const { t } = useTranslation(['admin', 'staff']);
  const pages = usePages();
  return (
    <>
      <PageHeading title={t('title')} lead={t('home.lead')} />
      <ul className="admin-cards">
        {pages.map((page) => (
          <li key={page.path} className="card">
            <Link href={page.path} className="admin-cards__title">
              {t(`nav.${page.key}`)}
            </Link>
            <p>{t(`home.${page.key}`)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

/** A page of who administers every agency, opened by an address by an agency administrator. */
function SystemOnly({ titleKey }: { titleKey: 'partners' | 'exchangeLog' | 'open311Apps' }) {
  const { t } = useTranslation(['admin', 'staff']);
  return (
    <>
      <PageHeading title={t(`nav.${titleKey}`)} />
      <p className="admin-alert admin-alert--info">{t('partners.systemOnly')}</p>
    </>
  );
}
