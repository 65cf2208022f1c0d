import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { formatDateTime, useI18n } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { useDebounced } from '../ui/useDebounced';
import { Button, ErrorList, Field, Loading, PageTitle } from '../ui/ui';

const UsersDoc = graphql(`
  query ConsoleUsers($search: String) {
    users(search: $search, first: 50) {
      totalCount
      edges {
        node {
          id
          email
          platformRole
          active
          lastSignInAt
          person {
            id
            fullName
          }
        }
      }
    }
  }
`);

const SetUserActive = graphql(`
  mutation ConsoleSetUserActive($userId: ID!, $active: Boolean!) {
    setUserActive(userId: $userId, active: $active) {
      id
      active
    }
  }
`);

/** Sign-ins, searched by email or name; deactivate (tokens stop at once) or reactivate. */
function Users() {
  const { t, locale } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [{ data, error }] = useQuery({ query: UsersDoc, variables: { search: q || null } });
  const [result, setActive] = useMutation(SetUserActive);
  const users = data?.users.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="users">
      <h2 id="users">{t('admin.users')}</h2>
      <Field label={t('admin.searchUsers')} type="search" value={search} onChange={setSearch} />
      <ErrorList errors={[...apiErrors(error), ...apiErrors(result.error)]} />
      <ul className="plain members">
        {users.map((u) => (
          <li key={u.id} className="item">
            <span>
              <strong>{u.person?.fullName ?? u.email}</strong> · {u.email} · {u.platformRole}
              {!u.active && <strong> · {t('admin.inactive')}</strong>}
              {u.lastSignInAt && <span className="muted"> · {formatDateTime(locale, u.lastSignInAt)}</span>}
            </span>
            <Button variant="secondary" onPress={() => setActive({ userId: u.id, active: !u.active })}>
              {u.active ? t('admin.deactivate', { email: u.email }) : t('admin.reactivate', { email: u.email })}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

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

const RetryJob = graphql(`
  mutation ConsoleRetryJob($id: ID!) {
    retryFailedReminderJob(id: $id) {
      id
      attemptsMade
    }
  }
`);

/**
 * Administration: users, reminder jobs that failed their last attempt (retried once their cause is fixed) and the
 * queue dashboard (its own sign-in, admins only).
 */
export default function AdminJobs() {
  const { t, locale } = useI18n();
  const [{ data, fetching, error }, refetch] = useQuery({ query: FailedJobsDoc, requestPolicy: 'cache-and-network' });
  const [retry, doRetry] = useMutation(RetryJob);
  const [retried, setRetried] = useState<string[]>([]);
  const jobs = data?.failedReminderJobs ?? [];

  async function retryJob(id: string) {
    const res = await doRetry({ id });
    if (!res.error) {
      setRetried((list) => [...list, id]);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <section>
      <PageTitle title={t('admin.title')}>{t('admin.title')}</PageTitle>
      <Users />
      <h2>{t('admin.failedJobs')}</h2>
      <p>
        <a href="/admin/queues">{t('admin.queueDashboard')}</a>
      </p>
      <ErrorList errors={[...apiErrors(error), ...apiErrors(retry.error)]} />
      {retried.length > 0 && (
        <p role="status" className="ok">
          {t('admin.retried', { count: retried.length })}
        </p>
      )}
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
            <Button variant="secondary" onPress={() => retryJob(j.id)} isDisabled={retry.fetching}>
              {t('admin.retry', { id: j.id })}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
