import { useEffect, useState } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { EmailDelivery } from '../gql/graphql';
import { useChooseLocale } from '../app/accountLocale';
import { CATALOGS, useI18n } from '../i18n/i18n';
import { ApiError, apiErrors, formErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { ErrorList, Loading, PageTitle } from '../ui/ui';

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

const UpdatePreferences = graphql(`
  mutation UpdateMyPreferences($input: PreferencesInput!) {
    updateMyPreferences(input: $input) {
      id
      locale
      emailDelivery
    }
  }
`);

const DELIVERIES: EmailDelivery[] = ['IMMEDIATE', 'DAILY_DIGEST', 'WEEKLY_DIGEST', 'NONE'];

/**
 * Preferences of the signed-in user, saved on the account as soon as chosen (updateMyPreferences changes only the
 * field given): the language, which the interface and the mails follow on every device, and e-mail delivery.
 * The interface switches at once; this device remembers the language too, for when nobody is signed in.
 */
export default function Preferences() {
  const { t, locale } = useI18n();
  const chooseLocale = useChooseLocale();
  const [{ data, fetching }] = useQuery({ query: PreferencesQuery });
  const [{ fetching: saving }, update] = useMutation(UpdatePreferences);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [saved, setSaved] = useState(false);
  const [delivery, setDelivery] = useState<EmailDelivery | null>(null);
  useEffect(() => {
    if (data?.me) setDelivery(data.me.emailDelivery);
  }, [data?.me]);
  if (fetching && !data) return <Loading />;

  async function save(input: { emailDelivery: EmailDelivery }) {
    setErrors([]);
    setSaved(false);
    const result = await update({ input });
    if (result.error) setErrors(apiErrors(result.error));
    else setSaved(true);
  }

  return (
    <section className="narrow">
      <PageTitle title={t('preferences.title')}>{t('preferences.title')}</PageTitle>
      <ErrorList errors={formErrors(errors, [])} />
      <RadioGroup
        value={locale}
        onChange={async (next) => {
          setErrors([]);
          setSaved(false);
          const failed = await chooseLocale(next);
          setErrors(failed);
          setSaved(!failed.length);
        }}
        isDisabled={saving}
        className="field"
      >
        <Label>{t('preferences.language')}</Label>
        {Object.keys(CATALOGS).map((code) => (
          <Radio key={code} value={code} lang={code}>
            {CATALOGS[code]['language.name']}
          </Radio>
        ))}
      </RadioGroup>
      <p className="muted">{t('preferences.accountNote')}</p>
      {data?.me && (
        <>
          <RadioGroup
            value={delivery ?? data.me.emailDelivery}
            onChange={(next) => {
              setDelivery(next as EmailDelivery);
              void save({ emailDelivery: next as EmailDelivery });
            }}
            isDisabled={saving}
            className="field"
          >
            <Label>{t('preferences.emailDelivery')}</Label>
            {DELIVERIES.map((value) => (
              <Radio key={value} value={value}>
                {enumLabel(t, 'emailDelivery', value)}
              </Radio>
            ))}
          </RadioGroup>
          <dl className="facts">
            <dt>{t('signIn.email')}</dt>
            <dd>{data.me.email}</dd>
          </dl>
        </>
      )}
      <p role="status">{saved ? t('preferences.saved') : ''}</p>
    </section>
  );
}
