/** The page frame: a skip link, the header with the menu and the language switch, the main region. */
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
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

/**
 * What a page change does for people who cannot see it happen: the tab's title follows the
 * page's heading, and after moving to another page (not on the first) the focus goes to that
 * heading, so a screen reader reads where it landed.
 */
function usePageAnnouncement(main: RefObject<HTMLElement | null>, appName: string): void {
  const [location] = useLocation();
  const shownLocation = useRef<string | null>(null);
  useEffect(() => {
    const region = main.current;
    if (!region) return;
    // Only a real change of page moves the focus (not the first load, not a language switch).
    const moved = shownLocation.current !== null && shownLocation.current !== location;
    shownLocation.current = location;
    let focusPending = moved;
    const giveUp = window.setTimeout(() => {
      focusPending = false;
    }, 2000);
    const follow = () => {
      const heading = region.querySelector('h1');
      document.title = heading?.textContent ? `${heading.textContent} — ${appName}` : appName;
      if (!focusPending || !heading) return;
      focusPending = false;
      // Never take the focus from someone already working in the page.
      const active = document.activeElement;
      const idle = !active || active === document.body || active === region || !region.contains(active);
      if (idle) {
        heading.tabIndex = -1;
        heading.focus();
      }
    };
    follow();
    // Pages that load first draw their heading later: follow it when it appears or changes.
    const observer = new MutationObserver(follow);
    observer.observe(region, { childList: true, subtree: true, characterData: true });
    return () => {
      window.clearTimeout(giveUp);
      observer.disconnect();
    };
  }, [location, main, appName]);
}

export function Layout({ children, nav, aside, wide }: LayoutProps) {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  usePageAnnouncement(main, t('appName'));
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
      <main id="main" ref={main} tabIndex={-1} className={wide ? 'page page--wide' : 'page'}>
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
