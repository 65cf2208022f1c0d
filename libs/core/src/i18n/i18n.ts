/**
 * The platform's interface texts (mail subjects and bodies, digest, notification titles, error messages) in the
 * languages it speaks, from one ICU MessageFormat catalog per language (messages/<locale>.json, keyed by meaning).
 *
 * Library: `intl-messageformat` (FormatJS). It is small, maintained, implements ICU plural/select rules on top of
 * the runtime's own Intl (CLDR plural categories: Arabic's zero/one/two/few/many, Kiswahili's one/other), and is a
 * plain function with no Nest coupling, so the API (errors, content) and the worker (reminders, digest) use the
 * same `t()` without a module, request scope or interceptor. nestjs-i18n would tie rendering to Nest's request
 * context, which the worker does not have.
 *
 * To add a text: add the key to en.json and to every other catalog (the catalog test fails otherwise), then
 * call t(locale, 'the.key', values). Keys are typed from en.json.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { SUPPORTED_LOCALES, SupportedLocale } from '../auth/user.entity';
import ar from './messages/ar.json';
import en from './messages/en.json';
import es from './messages/es.json';
import fr from './messages/fr.json';
import pt from './messages/pt.json';
import sw from './messages/sw.json';

export type Locale = SupportedLocale;
export const DEFAULT_LOCALE: Locale = 'en';
export type MessageKey = keyof typeof en;

/** The catalogs, exported for the completeness test. */
export const CATALOGS: Record<Locale, Record<string, string>> = { en, sw, fr, es, ar, pt };

/** Languages written right to left among those the platform speaks (mail HTML gets dir="rtl"). */
const RTL_LOCALES = new Set<Locale>(['ar']);
export const textDirection = (locale: Locale): 'rtl' | 'ltr' => (RTL_LOCALES.has(locale) ? 'rtl' : 'ltr');

/**
 * A value of a message: a plain value, or data whose text depends on the reader's language (a day or a time span
 * spelt out in that language, a nested catalog message), resolved when the message is rendered for that reader.
 * Plain data, so that a message not yet rendered compares, logs and stores as JSON.
 */
export type MessageValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | { day: string }
  | { timeSpan: { start: string; end: string; timeZone: string } }
  | { message: MessageKey; values?: Record<string, MessageValue> }
  /** A record's text (content_translations): the reader's translation when one is given, else the original. */
  | { original: string; translations?: Partial<Record<string, string>> }
  /** A record's text to look up in content_translations before rendering (the reminder delivery does, per batch). */
  | { content: { type: string; id: string; field: string; original: string } };

/** A message not yet rendered: the worker decides its language per recipient. */
export interface MessageRef {
  key: MessageKey;
  values?: Record<string, MessageValue>;
}

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);

/** A stored or given locale, or English when it is not one the platform speaks. */
export const toLocale = (value: unknown): Locale => (isLocale(value) ? value : DEFAULT_LOCALE);

const compiled = new Map<string, IntlMessageFormat>();

/** The message `key` in `locale` (English when the catalog lacks it), with its ICU placeholders filled in. */
export function t(locale: Locale, key: MessageKey, values: Record<string, MessageValue> = {}): string {
  const lang = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const cacheKey = `${lang}\u0000${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    const source = CATALOGS[lang][key] ?? CATALOGS.en[key];
    if (source === undefined) throw new Error(`unknown message key ${key}`);
    format = new IntlMessageFormat(source, lang);
    compiled.set(cacheKey, format);
  }
  const resolved: Record<string, string | number | boolean | null | undefined> = {};
  for (const [name, value] of Object.entries(values)) resolved[name] = resolveValue(lang, value);
  return String(format.format(resolved));
}

function resolveValue(locale: Locale, value: MessageValue): string | number | boolean | null | undefined {
  if (value === null || typeof value !== 'object') return value;
  if ('day' in value) return formatDay(locale, value.day);
  if ('timeSpan' in value) {
    const { start, end, timeZone } = value.timeSpan;
    return formatTimeSpan(locale, new Date(start), new Date(end), timeZone);
  }
  if ('original' in value) return value.translations?.[locale] ?? value.original;
  if ('content' in value) return value.content.original;
  return t(locale, value.message, value.values);
}

export const render = (locale: Locale, ref: MessageRef): string => t(locale, ref.key, ref.values);

/** A message value that renders another message in the reader's language. */
export const nested = (key: MessageKey, values?: Record<string, MessageValue>): MessageValue => ({
  message: key,
  ...(values ? { values } : {}),
});
/** A message value: a record's field, in the reader's language when it has a translation (content_translations). */
export const content = (type: string, id: string, field: string, original: string): MessageValue => ({
  content: { type, id, field, original },
});
/** A message value: a calendar day (YYYY-MM-DD) spelt out in the reader's language. */
export const day = (value: string): MessageValue => ({ day: value });
/** A message value: a meeting's time span in the reader's language and the given time zone. */
export const timeSpan = (start: Date, end: Date, timeZone: string): MessageValue => ({
  timeSpan: { start: new Date(start).toISOString(), end: new Date(end).toISOString(), timeZone },
});

/** Intl locale used for dates: British English for `en` (day month year, 24-hour clock, as the platform always had). */
const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : locale);

/** A meeting's time span in the reader's language and the meeting's (or body's) time zone, naming the zone. */
export function formatTimeSpan(locale: Locale, startsAt: Date, endsAt: Date, timeZone: string): string {
  const span = new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatRange(startsAt, endsAt);
  return `${span} (${timeZone})`;
}

/** A calendar day (YYYY-MM-DD, e.g. a due date) in the reader's language. */
export function formatDay(locale: Locale, day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

/** The name of language `of` in the reader's language, e.g. "Kiswahili" in sw, "swahili" in fr. */
export const languageName = (locale: Locale, of: string): string =>
  new Intl.DisplayNames([intlLocale(locale)], { type: 'language' }).of(of) ?? of;

/**
 * RFC 4647 "lookup" (section 3.4) of an Accept-Language header against the supported locales: ranges by
 * descending q (header order among equals), each truncated from the right until it names a supported locale
 * (`sw-KE` -> `sw`). `*` and q=0 ranges match nothing here. Undefined when nothing matches.
 */
export function lookupLocale(acceptLanguage: string | string[] | undefined | null): Locale | undefined {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return undefined;
  const ranges = header
    .split(',')
    .slice(0, 50) // a header is small; a hostile one must not cost much
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => /^q=/i.test(p));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((range) => range.tag && range.tag !== '*' && range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    const subtags = tag.split('-');
    while (subtags.length > 0) {
      const candidate = subtags.join('-');
      if (isLocale(candidate)) return candidate;
      subtags.pop();
      // RFC 4647: also drop a single-letter (extension/private-use) subtag left at the end.
      if (subtags.length > 0 && subtags[subtags.length - 1].length === 1) subtags.pop();
    }
  }
  return undefined;
}

/**
 * The language of a request: the first supported language of its Accept-Language, else the signed-in user's
 * locale, else English.
 */
export function requestLocale(
  acceptLanguage: string | string[] | undefined | null,
  userLocale?: string | null,
): Locale {
  return lookupLocale(acceptLanguage) ?? toLocale(userLocale);
}
