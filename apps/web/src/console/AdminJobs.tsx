import { useQuery } from 'urql';
import { graphql } from '../gql';
import { formatDateTime, useI18n } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { ErrorList, Loading, PageTitle } from '../ui/ui';

const FailedJobsDoc = graphql(`
  query ConsoleFailedJobs {
    failedReminderJobs(first: 50) {
      id
      name
      attemptsMade
      failedAt
      failedReason
      data
    }
  }
`);

/** Administration: reminder jobs that failed their last attempt (the API has no retry mutation yet). */
export default function AdminJobs() {
  const { t, locale } = useI18n();
  const [{ data, fetching, error }] = useQuery({ query: FailedJobsDoc, requestPolicy: 'cache-and-network' });
  const jobs = data?.failedReminderJobs ?? [];
  return (
    <section>
      <PageTitle title={t('admin.title')}>{t('admin.title')}</PageTitle>
      <h2>{t('admin.failedJobs')}</h2>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !data && <Loading />}
      {data && jobs.length === 0 && <p className="ok">{t('admin.noFailed')}</p>}
      <ul className="plain">
        {jobs.map((j) => (
          <li key={j.id} className="item">
            <p>
              <strong>{j.name}</strong> · {t('admin.attempts', { count: j.attemptsMade })}
              {j.failedAt && ` · ${formatDateTime(locale, j.failedAt)}`}
            </p>
            <p>{j.failedReason}</p>
            <code className="pre">{j.data}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
