import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { formatDateTime, useI18n } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { ErrorList, Loading, PageTitle } from '../ui/ui';
import { auditChanges } from './view';

const AuditDoc = graphql(`
  query ConsoleAudit($type: String!, $id: ID!) {
    auditLog(entityType: $type, entityId: $id, first: 100) {
      totalCount
      edges {
        node {
          id
          action
          at
          changes
          actor {
            id
            email
            person {
              id
              fullName
            }
          }
        }
      }
    }
  }
`);

/** The audit log of one record, newest first: who changed what, before and after (platform admins). */
export default function Audit() {
  const { type = '', id = '' } = useParams();
  const { t, locale } = useI18n();
  const [{ data, fetching, error }] = useQuery({ query: AuditDoc, variables: { type, id } });
  const events = data?.auditLog.edges.map((e) => e.node) ?? [];
  return (
    <section>
      <PageTitle title={t('audit.title')}>{t('audit.title')}</PageTitle>
      <p className="muted">
        {type} · {id}
        {type === 'CoordinationBody' && (
          <>
            {' · '}
            <Link to={`/console/bodies/${id}`}>{t('audit.back')}</Link>
          </>
        )}
        {type === 'ActionItem' && (
          <>
            {' · '}
            <Link to={`/console/actions/${id}`}>{t('audit.back')}</Link>
          </>
        )}
      </p>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !data && <Loading />}
      {data && events.length === 0 && <p>{t('audit.none')}</p>}
      <ol className="plain">
        {events.map((e) => (
          <li key={e.id} className="item">
            <p>
              <strong>
                {t('audit.event', {
                  action: e.action,
                  who: e.actor?.person?.fullName ?? e.actor?.email ?? t('audit.system'),
                })}
              </strong>{' '}
              <span className="muted">{formatDateTime(locale, e.at)}</span>
            </p>
            <div className="table-scroll">
              <table className="table audit">
                <caption className="visually-hidden">{t('audit.changes')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.field')}</th>
                    <th scope="col">{t('audit.before')}</th>
                    <th scope="col">{t('audit.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {auditChanges(e.changes).map((c, i) => (
                    <tr key={i}>
                      <th scope="row">{c.field}</th>
                      <td>{c.before}</td>
                      <td>{c.after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
