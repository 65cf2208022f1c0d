import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { formatDateTime, useI18n } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { Button, ErrorList, Loading, PageTitle, StatusBadge } from '../ui/ui';

const NotificationsQuery = graphql(`
  query MyNotifications($unreadOnly: Boolean) {
    notifications(first: 50, unreadOnly: $unreadOnly) {
      unreadCount
      totalCount
      edges {
        node {
          id
          kind
          title
          body
          createdAt
          readAt
          meeting {
            id
          }
          actionItem {
            id
          }
        }
      }
    }
  }
`);

const MarkRead = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);

/** The signed-in person's notifications, newest first, with the unread count and "mark read". */
export default function Notifications() {
  const { t, locale } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [{ data, fetching, error }, refetch] = useQuery({ query: NotificationsQuery, variables: { unreadOnly } });
  const [marking, markRead] = useMutation(MarkRead);
  const list = data?.notifications.edges.map((e) => e.node) ?? [];
  const unread = list.filter((n) => !n.readAt).map((n) => n.id);
  const mark = async (ids: string[]) => {
    const res = await markRead({ ids }, { additionalTypenames: ['Notification', 'NotificationConnection'] });
    if (!res.error) refetch({ requestPolicy: 'network-only' });
  };
  return (
    <section>
      <PageTitle title={t('notifications.title')}>{t('notifications.title')}</PageTitle>
      <p role="status">{t('notifications.unread', { count: data?.notifications.unreadCount ?? 0 })}</p>
      <div className="toolbar">
        <label className="field inline">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
          <span>{t('notifications.unreadOnly')}</span>
        </label>
        {unread.length > 0 && (
          <Button variant="secondary" onPress={() => void mark(unread)} isDisabled={marking.fetching}>
            {t('notifications.markAllRead')}
          </Button>
        )}
      </div>
      <ErrorList errors={apiErrors(error ?? marking.error)} />
      {fetching && !data ? (
        <Loading />
      ) : list.length === 0 ? (
        <p className="muted">{t('notifications.none')}</p>
      ) : (
        <ul className="items">
          {list.map((n) => (
            <li key={n.id} className={`item ${n.readAt ? 'read' : 'unread'}`}>
              <div className="item-head">
                <h2 className="item-title">{n.title}</h2>
                <StatusBadge tone={n.readAt ? 'neutral' : 'warn'}>
                  {n.readAt ? t('notifications.read') : t('notifications.new')}
                </StatusBadge>
              </div>
              <p className="muted">{formatDateTime(locale, n.createdAt)}</p>
              <p className="pre">{n.body}</p>
              <div className="toolbar">
                {n.meeting && <Link to={`/meetings/${n.meeting.id}`}>{t('notifications.openMeeting')}</Link>}
                {n.actionItem && <Link to={`/action-items/${n.actionItem.id}`}>{t('notifications.openItem')}</Link>}
                {!n.readAt && (
                  <Button variant="secondary" onPress={() => void mark([n.id])} isDisabled={marking.fetching}>
                    {t('notifications.markRead', { title: n.title })}
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
