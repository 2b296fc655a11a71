/** The page frame: a skip link, the header with the menu and the language switch, the main region. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { changeLanguage } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'th' ? 'en' : 'th';
  return (
    <button type="button" className="button button--ghost language-switch" lang={next} onClick={() => void changeLanguage(next)}>
      {t('language.switchTo')}
    </button>
  );
}

export interface LayoutProps {
  children: ReactNode;
  /** Extra items for the menu (the staff console's). */
  nav?: ReactNode;
  /** The header's right-hand side besides the language switch (the signed-in user). */
  aside?: ReactNode;
  wide?: boolean;
}

export function Layout({ children, nav, aside, wide }: LayoutProps) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <div className={wide ? 'site-header__inner site-header__inner--wide' : 'site-header__inner'}>
          <Link href="~/" className="brand">
            <span className="brand__name">{t('appName')}</span>
            <span className="brand__tagline">{t('appTagline')}</span>
          </Link>
          <div className="site-header__aside">
            {aside}
            <LanguageSwitch />
          </div>
        </div>
        <nav aria-label={t('nav.main')} className={wide ? 'site-nav site-nav--wide' : 'site-nav'}>
          {nav ?? (
            <>
              <Link href="~/file">{t('nav.file')}</Link>
              <Link href="~/track">{t('nav.track')}</Link>
            </>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1} className={wide ? 'page page--wide' : 'page'}>
        {children}
      </main>
    </>
  );
}

/** A loading line that screen readers announce. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('states.loading')}
    </p>
  );
}
