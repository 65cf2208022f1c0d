import { Label, Radio, RadioGroup } from 'react-aria-components';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { CATALOGS, useI18n } from '../i18n/i18n';
import { enumLabel } from '../ui/labels';
import { Loading, PageTitle } from '../ui/ui';

const PreferencesQuery = graphql(`
  query MyPreferences {
    me {
      id
      email
      locale
      emailDelivery
    }
  }
`);

/**
 * Preferences. The language is kept on this device (there is no mutation to store it on the account yet: the
 * multilingual issue adds one); e-mail delivery is shown and becomes editable once the accounts issue lands.
 */
export default function Preferences() {
  const { t, locale, setLocale } = useI18n();
  const [{ data, fetching }] = useQuery({ query: PreferencesQuery });
  if (fetching && !data) return <Loading />;
  return (
    <section className="narrow">
      <PageTitle title={t('preferences.title')}>{t('preferences.title')}</PageTitle>
      <RadioGroup value={locale} onChange={setLocale} className="field">
        <Label>{t('preferences.language')}</Label>
        {Object.keys(CATALOGS).map((code) => (
          <Radio key={code} value={code} lang={code}>
            {CATALOGS[code]['language.name']}
          </Radio>
        ))}
      </RadioGroup>
      <p className="muted">{t('preferences.languageNote')}</p>
      {data?.me && (
        <dl className="facts">
          <dt>{t('signIn.email')}</dt>
          <dd>{data.me.email}</dd>
          <dt>{t('preferences.emailDelivery')}</dt>
          <dd>{enumLabel(t, 'emailDelivery', data.me.emailDelivery)}</dd>
        </dl>
      )}
    </section>
  );
}
