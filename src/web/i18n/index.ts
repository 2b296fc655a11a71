/**
 * Translations: Thai first, English on request. Each area of the app has its own namespace
 * (common, citizen, staff, admin); the English catalogues are typed against the Thai ones,
 * so a missing key does not compile. The staff and admin catalogues arrive with their pages.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enCitizen } from './en/citizen.ts';
import { enCommon } from './en/common.ts';
import { thCitizen } from './th/citizen.ts';
import { thCommon } from './th/common.ts';

export const LANGUAGES = ['th', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'rongthuk.language';

/** The catalogue shape a translation of `T` must have: the same keys, strings at the leaves. */
export type CatalogueOf<T> = { [K in keyof T]: T[K] extends string ? string : CatalogueOf<T[K]> };

export function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'th';
  } catch {
    return 'th';
  }
}

export function setUpI18n(): I18n {
  const language = storedLanguage();
  void i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'th',
    defaultNS: 'common',
    ns: ['common', 'citizen'],
    resources: {
      th: { common: thCommon, citizen: thCitizen },
      en: { common: enCommon, citizen: enCitizen },
    },
    // React escapes what it renders; i18next must not escape it a second time.
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

/** Switches the language of the whole app and remembers it on this device. */
export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing may refuse storage: the switch still holds for this visit.
  }
}

/** Adds a lazily loaded area's catalogues (staff console, administration). */
export function addCatalogues(namespace: string, th: object, en: object): void {
  if (!i18next.hasResourceBundle('th', namespace)) i18next.addResourceBundle('th', namespace, th);
  if (!i18next.hasResourceBundle('en', namespace)) i18next.addResourceBundle('en', namespace, en);
}
