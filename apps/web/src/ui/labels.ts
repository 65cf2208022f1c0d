import type { MessageKey, Translate } from '../i18n/i18n';

/** The catalog's word for an API enum value (`actionStatus.IN_PROGRESS`); the value itself if the catalog lacks it. */
export function enumLabel(t: Translate, group: string, value: string): string {
  const key = `${group}.${value}` as MessageKey;
  const text = t(key);
  return text === key ? value : text;
}
