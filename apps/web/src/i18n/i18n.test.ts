import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { CATALOGS, makeTranslate, pickLocale } from './i18n';

describe('message catalogs', () => {
  const keys = Object.keys(CATALOGS.en).sort();

  it.each(Object.keys(CATALOGS))('%s has every key of en and no other', (locale) => {
    expect(Object.keys(CATALOGS[locale]).sort()).toEqual(keys);
  });

  it.each(Object.keys(CATALOGS))('%s: every message is valid ICU and not left empty', (locale) => {
    for (const [key, message] of Object.entries(CATALOGS[locale])) {
      expect(message.trim(), key).not.toBe('');
      expect(() => new IntlMessageFormat(message, locale), key).not.toThrow();
    }
  });

  it('formats plurals per language', () => {
    expect(makeTranslate('en')('notifications.unread', { count: 1 })).toBe('1 unread notification');
    expect(makeTranslate('fr')('notifications.unread', { count: 3 })).toBe('3 notifications non lues');
    expect(makeTranslate('sw')('notifications.unread', { count: 0 })).toBe('Hakuna arifa ambayo haijasomwa');
  });
});

describe('pickLocale', () => {
  it('prefers the stored choice, then the browser languages, then English', () => {
    expect(pickLocale('sw', ['fr-FR'])).toBe('sw');
    expect(pickLocale(null, ['de-DE', 'fr-CA'])).toBe('fr');
    expect(pickLocale('xx', ['de'])).toBe('en');
  });
});
