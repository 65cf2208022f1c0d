import { render } from '@testing-library/react';
import { createElement } from 'react';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { CATALOGS, I18nProvider, makeTranslate, MessageKey, pickLocale } from './i18n';

/** The arguments of a message, e.g. `count:plural`, `title:arg`, found anywhere in its ICU syntax tree. */
function placeholders(message: string, locale: string): string[] {
  const found = new Set<string>();
  type Node = { type: number; value?: string; options?: Record<string, { value: Node[] }>; children?: Node[] };
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      // 1 argument, 2 number, 3 date, 4 time: a value put in as is; 5 select, 6 plural: a choice; 8 a tag.
      if (node.type >= 1 && node.type <= 4) found.add(`${node.value}:arg`);
      if (node.type === 5) found.add(`${node.value}:select`);
      if (node.type === 6) found.add(`${node.value}:plural`);
      if (node.type === 8) found.add(`<${node.value}>`);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
      if (node.children) walk(node.children);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as unknown as Node[]);
  return [...found].sort();
}

/** The plural arguments of a message with the categories (or =N) it gives. */
function pluralOptions(message: string, locale: string): string[][] {
  type Node = { type: number; options?: Record<string, { value: Node[] }> };
  const out: string[][] = [];
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (node.type === 6) out.push(Object.keys(node.options ?? {}));
      for (const option of Object.values(node.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as unknown as Node[]);
  return out;
}

describe('message catalogs', () => {
  const keys = Object.keys(CATALOGS.en).sort();
  const locales = Object.keys(CATALOGS);

  it('are the six interface languages, each named in itself', () => {
    expect(locales).toEqual(['en', 'sw', 'fr', 'es', 'ar', 'pt']);
    expect(locales.map((l) => CATALOGS[l]['language.name'])).toEqual([
      'English',
      'Kiswahili',
      'Français',
      'Español',
      'العربية',
      'Português',
    ]);
  });

  it.each(locales)('%s has every key of en and no other', (locale) => {
    expect(Object.keys(CATALOGS[locale]).sort()).toEqual(keys);
  });

  it.each(locales)('%s: every message is valid ICU and not left empty', (locale) => {
    for (const [key, message] of Object.entries(CATALOGS[locale])) {
      expect(message.trim(), key).not.toBe('');
      expect(() => new IntlMessageFormat(message, locale), key).not.toThrow();
    }
  });

  it.each(locales)('%s: every message has the placeholders of en, no more and no fewer', (locale) => {
    for (const key of keys as MessageKey[]) {
      expect(placeholders(CATALOGS[locale][key], locale), key).toEqual(placeholders(CATALOGS.en[key], 'en'));
    }
  });

  it.each(locales)('%s: no ASCII apostrophe (ICU quotes with it; the typographic ’ is meant)', (locale) => {
    const withApostrophe = Object.entries(CATALOGS[locale]).filter(([, message]) => message.includes("'"));
    expect(withApostrophe.map(([key]) => key)).toEqual([]);
  });

  it('ar: every plural gives all six Arabic categories (zero, one, two, few, many, other)', () => {
    for (const [key, message] of Object.entries(CATALOGS.ar)) {
      for (const options of pluralOptions(message, 'ar')) {
        expect(options.map((o) => (o === '=0' ? 'zero' : o)).sort(), key).toEqual(
          ['few', 'many', 'one', 'other', 'two', 'zero'].sort(),
        );
      }
    }
  });

  it('formats plurals per language', () => {
    expect(makeTranslate('en')('notifications.unread', { count: 1 })).toBe('1 unread notification');
    expect(makeTranslate('fr')('notifications.unread', { count: 3 })).toBe('3 notifications non lues');
    expect(makeTranslate('sw')('notifications.unread', { count: 0 })).toBe('Hakuna arifa ambayo haijasomwa');
    expect(makeTranslate('es')('notifications.unread', { count: 1 })).toBe('1 notificación sin leer');
    // Portuguese of Africa and Portugal: zero takes the plural (or its own sentence), not the singular.
    expect(makeTranslate('pt')('dashboard.summary', { total: 0, done: 0, overdue: 0 })).toBe(
      'Nenhum compromisso: 0 cumpridos, 0 em atraso.',
    );
  });

  it('formats Arabic plurals for 0, 1, 2, 5, 11 and 100 with the right noun form', () => {
    const t = makeTranslate('ar');
    const unread = (count: number) => t('notifications.unread', { count });
    expect(unread(0)).toBe('لا توجد إشعارات غير مقروءة');
    expect(unread(1)).toBe('إشعار واحد غير مقروء');
    expect(unread(2)).toBe('إشعاران غير مقروءين');
    expect(unread(5)).toBe('5 إشعارات غير مقروءة');
    expect(unread(11)).toBe('11 إشعارًا غير مقروء');
    expect(unread(100)).toBe('100 إشعار غير مقروء');
    const bodies = (count: number) => t('directory.count', { count });
    expect([0, 1, 2, 5, 11].map(bodies)).toEqual(['لم يُعثر على أي هيئة', 'هيئة واحدة', 'هيئتان', '5 هيئات', '11 هيئةً']);
  });
});

describe('I18nProvider', () => {
  it('sets lang and dir on the document: rtl for Arabic, ltr otherwise', () => {
    const view = render(createElement(I18nProvider, { initial: 'ar', children: 'x' }));
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    view.unmount();
    render(createElement(I18nProvider, { initial: 'pt', children: 'x' }));
    expect(document.documentElement.lang).toBe('pt');
    expect(document.documentElement.dir).toBe('ltr');
  });
});

describe('pickLocale', () => {
  it('prefers the stored choice, then the browser languages, then English', () => {
    expect(pickLocale('sw', ['fr-FR'])).toBe('sw');
    expect(pickLocale(null, ['de-DE', 'fr-CA'])).toBe('fr');
    expect(pickLocale('xx', ['de'])).toBe('en');
    expect(pickLocale(null, ['ar-EG', 'en'])).toBe('ar');
    expect(pickLocale(null, ['pt-MZ'])).toBe('pt');
    expect(pickLocale(null, ['es-419'])).toBe('es');
  });
});
