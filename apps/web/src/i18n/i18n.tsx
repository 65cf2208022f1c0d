import { IntlMessageFormat } from 'intl-messageformat';
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import ar from './messages/ar.json';
import en from './messages/en.json';
import es from './messages/es.json';
import fr from './messages/fr.json';
import pt from './messages/pt.json';
import sw from './messages/sw.json';

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;

/** The interface languages, each a catalog with every key of en.json (i18n.test.ts checks it), in picker order. */
export const CATALOGS: Record<string, Catalog> = { en, sw, fr, es, ar, pt };
export const LOCALES = Object.keys(CATALOGS);
/** Languages written right to left: the layout uses logical CSS properties, so dir="rtl" is all they need. */
const RTL = new Set(['ar', 'fa', 'he', 'ur']);
/** True for a language written right to left: what CSS cannot mirror (an SVG chart's axes) asks this. */
export const isRtl = (locale: string) => RTL.has(locale);
const STORAGE_KEY = 'coord.locale';

export function pickLocale(stored: string | null, browser: readonly string[]): string {
  if (stored && CATALOGS[stored]) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (CATALOGS[base]) return base;
  }
  return 'en';
}

export type Translate = (key: MessageKey, values?: Record<string, unknown>) => string;

interface I18n {
  locale: string;
  setLocale: (locale: string) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

function storedLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: string }) {
  const [locale, setLocaleState] = useState(() => initial ?? pickLocale(storedLocale(), navigator.languages ?? []));
  const setLocale = useCallback((next: string) => {
    if (!CATALOGS[next]) return;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing without storage: the choice lasts for this visit.
    }
    setLocaleState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = isRtl(locale) ? 'rtl' : 'ltr';
  }, [locale]);
  const t = useMemo(() => makeTranslate(locale), [locale]);
  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** A translator for one locale; a key missing from that catalog falls back to English. */
export function makeTranslate(locale: string): Translate {
  const catalog = CATALOGS[locale] ?? en;
  const cache = new Map<string, IntlMessageFormat>();
  return (key, values) => {
    let format = cache.get(key);
    if (!format) {
      format = new IntlMessageFormat(catalog[key] ?? en[key] ?? key, locale);
      cache.set(key, format);
    }
    return String(format.format(values as never));
  };
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export const useT = () => useI18n().t;

/** Dates and times through Intl, in the record's time zone when it has one. */
export function formatDateTime(locale: string, iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

export function formatDate(locale: string, isoDate: string): string {
  // A Date (YYYY-MM-DD) is a calendar day: format it in UTC so that it never shifts by a day.
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}
