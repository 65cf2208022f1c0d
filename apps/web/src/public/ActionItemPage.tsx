import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useSessionState } from '../app/SessionProvider';
import { graphql } from '../gql';
import { formatDate, formatDateTime, useI18n } from '../i18n/i18n';
import { ProgressForm } from '../my-work/ProgressForm';
import { apiErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { ErrorList, Loading, PageTitle, Progress, StatusBadge } from '../ui/ui';
import { statusTone } from './view';

const ActionItemQuery = graphql(`
  query ActionItemPage($id: ID!) {
    actionItem(id: $id) {
      id
      title
      description
      status
      priority
      progressPercent
      isOverdue
      isCommitment
      dueOn
      completedAt
      body {
        id
        name
        timezone
      }
      ownerOrganization {
        id
        name
      }
      ownerPerson {
        id
        fullName
      }
      frameworkTargets {
        code
        title
      }
      updates {
        id
        createdAt
        note
        progressPercent
        status
        author {
          id
          fullName
        }
      }
    }
  }
`);

/** An action item or commitment with its trail of progress reports (a mail link opens this page). */
export function ActionItemPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const session = useSessionState();
  const [{ data, fetching, error }] = useQuery({ query: ActionItemQuery, variables: { id } });
  if (fetching && !data) return <Loading />;
  const item = data?.actionItem;
  if (!item) {
    return (
      <section>
        <ErrorList errors={apiErrors(error)} />
        <PageTitle title={t('item.notFound')}>{t('item.notFound')}</PageTitle>
        <p>{session.status === 'signedIn' ? t('item.notFoundText') : t('item.notFoundSignIn')}</p>
      </section>
    );
  }
  return (
    <article>
      <nav aria-label={t('body.breadcrumb')} className="breadcrumb">
        <Link to={`/bodies/${item.body.id}`}>{item.body.name}</Link>
      </nav>
      <PageTitle title={item.title}>{item.title}</PageTitle>
      <p>
        <StatusBadge tone={statusTone(item)}>
          {item.isOverdue ? t('commitments.overdue') : enumLabel(t, 'actionStatus', item.status)}
        </StatusBadge>{' '}
        {item.isCommitment && <span className="badge badge-neutral">{t('item.commitment')}</span>}
      </p>
      {item.description && <p className="lead">{item.description}</p>}
      <dl className="facts">
        <dt>{t('item.progress')}</dt>
        <dd>
          <Progress value={item.progressPercent} label={t('item.progress')} />
        </dd>
        {item.dueOn && (
          <>
            <dt>{t('item.due')}</dt>
            <dd>{formatDate(locale, item.dueOn)}</dd>
          </>
        )}
        <dt>{t('item.priority')}</dt>
        <dd>{enumLabel(t, 'priority', item.priority)}</dd>
        {(item.ownerOrganization || item.ownerPerson) && (
          <>
            <dt>{t('item.owner')}</dt>
            <dd>{[item.ownerPerson?.fullName, item.ownerOrganization?.name].filter(Boolean).join(', ')}</dd>
          </>
        )}
        {item.frameworkTargets.length > 0 && (
          <>
            <dt>{t('item.targets')}</dt>
            <dd>
              <ul className="plain">
                {item.frameworkTargets.map((f) => (
                  <li key={f.code}>
                    {f.code}: {f.title}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>

      {session.status === 'signedIn' && (
        <section aria-labelledby="report">
          <h2 id="report">{t('progress.title')}</h2>
          <ProgressForm item={item} />
        </section>
      )}

      <section aria-labelledby="trail">
        <h2 id="trail">{t('item.trail')}</h2>
        {item.updates.length === 0 ? (
          <p className="muted">{t('item.noUpdates')}</p>
        ) : (
          <ol className="trail">
            {[...item.updates].reverse().map((u) => (
              <li key={u.id}>
                <p className="muted">
                  {formatDateTime(locale, u.createdAt, item.body.timezone)}
                  {u.author ? ` · ${u.author.fullName}` : ''}
                  {u.progressPercent != null ? ` · ${u.progressPercent}%` : ''}
                  {u.status ? ` · ${enumLabel(t, 'actionStatus', u.status)}` : ''}
                </p>
                <p>{u.note}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}
