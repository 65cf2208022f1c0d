import { IntlMessageFormat } from 'intl-messageformat';
import { SUPPORTED_LOCALES } from '../../auth/user.entity';
import {
  CATALOGS,
  day,
  Locale,
  nested,
  timeSpan,
  lookupLocale,
  MessageKey,
  requestLocale,
  t,
  textDirection,
} from '../i18n';

/** Every argument name a message uses, including those inside plural/select branches. */
function placeholders(source: string, locale: string): Set<string> {
  const names = new Set<string>();
  const walk = (elements: any[]) => {
    for (const element of elements) {
      if (element.value !== undefined && typeof element.value === 'string' && element.type !== 0)
        names.add(element.value);
      if (element.options) for (const option of Object.values<any>(element.options)) walk(option.value);
      if (element.children) walk(element.children);
    }
  };
  walk(new IntlMessageFormat(source, locale).getAst() as any[]);
  return names;
}

const en = CATALOGS.en;
const others = SUPPORTED_LOCALES.filter((l) => l !== 'en');

describe('message catalogs', () => {
  it('has one catalog per supported locale', () => {
    expect(Object.keys(CATALOGS).sort()).toEqual([...SUPPORTED_LOCALES].sort());
  });

  it.each(others)('%s has every key en has, and no other', (locale) => {
    const keys = Object.keys(CATALOGS[locale]);
    expect(Object.keys(en).filter((key) => !keys.includes(key))).toEqual([]);
    expect(keys.filter((key) => !(key in en))).toEqual([]);
  });

  it.each(others)('%s uses no placeholder that en does not have', (locale) => {
    const extra: string[] = [];
    for (const [key, source] of Object.entries(CATALOGS[locale])) {
      if (!(key in en)) continue;
      const allowed = placeholders(en[key], 'en');
      for (const name of placeholders(source, locale)) if (!allowed.has(name)) extra.push(`${key}: {${name}}`);
    }
    expect(extra).toEqual([]);
  });

  it.each([...SUPPORTED_LOCALES])(
    '%s parses as ICU and has no ASCII apostrophe (ICU would read it as a quote)',
    (locale) => {
      for (const [key, source] of Object.entries(CATALOGS[locale])) {
        expect(() => new IntlMessageFormat(source, locale)).not.toThrow();
        expect(`${key}: ${source}`).not.toMatch(/'/);
      }
    },
  );

  it('placeholder check sees arguments nested in plural branches', () => {
    expect([...placeholders('{a, plural, one {# {b}} other {{c}}}', 'en')].sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('t()', () => {
  const digest = (locale: Locale, count: number) => t(locale, 'digest.title', { count });

  it('gets Arabic plural forms right for 0, 1, 2, 5 and 11 items', () => {
    expect([0, 1, 2, 5, 11, 100].map((n) => digest('ar', n))).toEqual([
      'أسبوعك: لا بنود للمتابعة',
      'أسبوعك: بند واحد للمتابعة',
      'أسبوعك: بندان للمتابعة',
      'أسبوعك: 5 بنود للمتابعة',
      'أسبوعك: 11 بندًا للمتابعة',
      'أسبوعك: 100 بند للمتابعة',
    ]);
  });

  it('gets Kiswahili plural forms right for 0, 1, 2, 5 and 11 items', () => {
    expect([0, 1, 2, 5, 11].map((n) => digest('sw', n))).toEqual([
      'Wiki yako: mambo 0 ya kufuatilia',
      'Wiki yako: jambo 1 la kufuatilia',
      'Wiki yako: mambo 2 ya kufuatilia',
      'Wiki yako: mambo 5 ya kufuatilia',
      'Wiki yako: mambo 11 ya kufuatilia',
    ]);
  });

  it('agrees Arabic and Kiswahili quorum counts with their nouns', () => {
    const quorum = (locale: Locale, counted: number, required: number) =>
      t(locale, 'meeting.quorumAtRisk.body', { counted, required, title: 'T', body: 'B', when: 'W' });
    expect(quorum('ar', 2, 11)).toMatch(/^قبل عضوان فقط .* من أصل 11 عضوًا /);
    expect(quorum('ar', 0, 5)).toMatch(/^لم يقبل أيّ عضو .* من أصل 5 أعضاء /);
    expect(quorum('sw', 1, 5)).toMatch(
      /^Mjumbe 1 tu kati ya wajumbe 5 wenye kura wanaohitajika kufikia akidi amekubali/,
    );
    expect(quorum('en', 1, 5)).toMatch(/^Only 1 of the 5 voting members needed for quorum has accepted/);
  });

  it('resolves values that depend on the reader’s language', () => {
    const when = timeSpan(new Date('2027-01-11T07:00:00Z'), new Date('2027-01-11T09:00:00Z'), 'Africa/Nairobi');
    expect(t('sw', 'digest.line.meeting', { title: 'Mkutano', when })).toMatch(/^Mkutano: Jumatatu|^Mkutano: Jtatu/);
    expect(t('fr', 'digest.line.meeting', { title: 'Réunion', when })).toContain('10:00');
    expect(t('en', 'digest.line.meeting', { title: 'M', when })).toContain('(Africa/Nairobi)');
  });

  it('spells days and nested messages in the reader’s language', () => {
    expect(t('fr', 'action.due.title', { dueOn: day('2027-01-11'), title: 'X' })).toBe(
      'Échéance le 11 janvier 2027 : X',
    );
    expect(
      t('sw', 'digest.line.action', { title: 'X', body: nested('meeting.theBody'), dueOn: day('2027-01-11') }),
    ).toBe('X (chombo husika), tarehe ya mwisho 11 Januari 2027');
  });

  it('falls back to English for an unknown locale', () => {
    expect(t('de' as Locale, 'error.forbidden' as MessageKey)).toBe('You are not allowed to do this');
  });

  it('marks Arabic as right to left', () => {
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('sw')).toBe('ltr');
  });
});

describe('request locale (RFC 4647 lookup)', () => {
  it.each([
    ['sw', 'sw'],
    ['sw-KE', 'sw'],
    ['fr-CA,fr;q=0.9,en;q=0.8', 'fr'],
    ['de-DE,de;q=0.9,pt-BR;q=0.5', 'pt'],
    ['en;q=0.2, ar;q=0.9', 'ar'],
    ['es-419', 'es'],
    ['de', undefined],
    ['*', undefined],
    ['sw;q=0', undefined],
    ['', undefined],
  ])('%s -> %s', (header, expected) => {
    expect(lookupLocale(header)).toBe(expected);
  });

  it('prefers Accept-Language over the user’s locale, which beats English', () => {
    expect(requestLocale('fr', 'sw')).toBe('fr');
    expect(requestLocale(undefined, 'sw')).toBe('sw');
    expect(requestLocale('de', 'sw')).toBe('sw');
    expect(requestLocale('de', null)).toBe('en');
  });
});
