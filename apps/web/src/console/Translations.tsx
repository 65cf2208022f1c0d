import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useI18n } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { ErrorList, Loading, PageTitle, SelectField } from '../ui/ui';
import { useAccess } from './access';
import { TranslationsPanel } from './TranslationsPanel';

const BodyTextsDoc = graphql(`
  query ConsoleBodyTexts($id: ID!) {
    coordinationBody(id: $id) {
      id
      name
      description
      originalLocale
      translations {
        locale
        field
        text
      }
    }
  }
`);

/** A body's name and description in the other languages, for those who manage it. */
export default function Translations() {
  const { t } = useI18n();
  const access = useAccess();
  const [params, setParams] = useSearchParams();
  const managed = access.bodies.filter((b) => access.canManage(b.id));
  const bodyId = params.get('body') ?? managed[0]?.id ?? '';
  const [{ data, fetching, error }] = useQuery({ query: BodyTextsDoc, variables: { id: bodyId }, pause: !bodyId });
  const body = data?.coordinationBody;
  return (
    <section>
      <PageTitle title={t('translations.pageTitle')}>{t('translations.pageTitle')}</PageTitle>
      <p className="muted">{t('translations.pageHelp')}</p>
      <SelectField
        label={t('actions.body')}
        value={bodyId}
        onChange={(v) => setParams(v ? { body: v } : {}, { replace: true })}
      >
        {managed.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name}
          </option>
        ))}
      </SelectField>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !data && <Loading />}
      {body && (
        <TranslationsPanel
          key={body.id}
          type="COORDINATION_BODY"
          id={body.id}
          originalLocale={body.originalLocale}
          translations={body.translations}
          fields={[
            { name: 'name', label: t('translations.name'), original: body.name },
            { name: 'description', label: t('translations.description'), original: body.description, multiline: true },
          ]}
        />
      )}
    </section>
  );
}
