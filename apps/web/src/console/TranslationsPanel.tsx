import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import type { TranslatableType } from '../gql/graphql';
import { useI18n } from '../i18n/i18n';
import { apiErrors, fieldError, formErrors } from '../ui/errors';
import { Button, ErrorList, Field, SelectField } from '../ui/ui';
import { SetTranslationsDoc } from './itemDocs';

/** The languages of the content (the API's SUPPORTED_LOCALES). */
export const CONTENT_LOCALES = ['en', 'sw', 'fr', 'es', 'ar', 'pt'] as const;

export interface TranslatableField {
  name: string;
  label: string;
  /** The text as written, shown as the field's description so that the translator sees what to translate. */
  original: string | null | undefined;
  multiline?: boolean;
}

type Translation = { locale: string; field: string; text: string };

/** The values of the form for one locale: the saved translation of each field, or ''. */
export function valuesFor(translations: Translation[], locale: string, fields: Array<{ name: string }>) {
  return Object.fromEntries(
    fields.map((f) => [f.name, translations.find((x) => x.locale === locale && x.field === f.name)?.text ?? '']),
  );
}

/** The locales one may translate into: every content locale but the one the record is written in. */
export function targetLocales(originalLocale: string): string[] {
  return CONTENT_LOCALES.filter((l) => l !== originalLocale);
}

/**
 * Per-locale texts of a record's translatable fields, for those who may edit it: pick a language, write the texts,
 * save (an emptied field removes its translation). The API's messages appear next to the field they name.
 */
export function TranslationsPanel({
  type,
  id,
  originalLocale,
  fields,
  translations,
}: {
  type: TranslatableType;
  id: string;
  originalLocale: string;
  fields: TranslatableField[];
  translations: Translation[];
}) {
  const { t, locale: uiLocale } = useI18n();
  const locales = targetLocales(originalLocale);
  const [locale, setLocale] = useState(locales.find((l) => l === uiLocale) ?? locales[0]);
  const [values, setValues] = useState(() => valuesFor(translations, locale, fields));
  const [saved, setSaved] = useState(false);
  const [result, save] = useMutation(SetTranslationsDoc);
  const errors = apiErrors(result.error);
  const names = new Intl.DisplayNames([uiLocale], { type: 'language' });

  function pick(next: string) {
    setLocale(next);
    setValues(valuesFor(translations, next, fields));
    setSaved(false);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const res = await save({
      type,
      id,
      locale,
      fields: fields.map((f) => ({ field: f.name, text: values[f.name] ?? '' })),
    });
    if (!res.error) setSaved(true);
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('translations.form')}>
      <p className="muted">{t('translations.writtenIn', { language: names.of(originalLocale) ?? originalLocale })}</p>
      <ErrorList errors={formErrors(errors, ['locale'])} />
      <SelectField label={t('translations.locale')} value={locale} onChange={pick} error={fieldError(errors, 'locale')}>
        {locales.map((l) => (
          <option key={l} value={l}>
            {names.of(l) ?? l}
          </option>
        ))}
      </SelectField>
      {fields.map((f) => (
        <Field
          key={f.name}
          label={t('translations.field', { field: f.label, language: names.of(locale) ?? locale })}
          name={f.name}
          multiline={f.multiline}
          value={values[f.name] ?? ''}
          onChange={(v) => setValues((old) => ({ ...old, [f.name]: v }))}
          description={f.original ? t('translations.original', { text: f.original }) : undefined}
        />
      ))}
      <Button type="submit" isDisabled={result.fetching}>
        {t('translations.save')}
      </Button>
      {saved && (
        <p role="status" className="ok">
          {t('translations.saved')}
        </p>
      )}
    </form>
  );
}
