import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { formatDateTime, useI18n } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { Button, ErrorList, Loading, PageTitle } from '../ui/ui';
import { Rsvp } from './Rsvp';

const MyMeetingsQuery = graphql(`
  query MyUpcomingMeetings {
    myUpcomingMeetings(first: 50) {
      edges {
        node {
          id
          title
          status
          startsAt
          timezone
          location
          body {
            id
            name
          }
          participants {
            rsvp
            person {
              id
            }
          }
        }
      }
    }
    me {
      id
      person {
        id
      }
    }
    myCalendarFeeds {
      id
      createdAt
      revokedAt
    }
  }
`);

const CreateFeed = graphql(`
  mutation CreateCalendarFeed {
    createCalendarFeedToken {
      id
      url
      createdAt
    }
  }
`);

/** webcal: opens the subscription dialog of the user's calendar program for the same https feed. */
export const webcalUrl = (url: string) => url.replace(/^https?:/, 'webcal:');

function CalendarFeedLink({ hasFeed }: { hasFeed: boolean }) {
  const { t } = useI18n();
  const [result, create] = useMutation(CreateFeed);
  const url = result.data?.createCalendarFeedToken.url;
  return (
    <section aria-labelledby="calendar" className="card">
      <h2 id="calendar">{t('calendar.title')}</h2>
      <p>{hasFeed ? t('calendar.existing') : t('calendar.intro')}</p>
      {url ? (
        <>
          <p>
            <a href={webcalUrl(url)}>{t('calendar.add')}</a>
          </p>
          <p className="muted">{t('calendar.copy')}</p>
          <input className="code" readOnly value={url} aria-label={t('calendar.url')} />
        </>
      ) : (
        <Button onPress={() => void create({})} isDisabled={result.fetching}>
          {t('calendar.create')}
        </Button>
      )}
      <ErrorList errors={apiErrors(result.error)} />
    </section>
  );
}

/** The signed-in person's upcoming meetings across their bodies, with RSVP and a personal calendar feed. */
export default function MyMeetings() {
  const { t, locale } = useI18n();
  const [{ data, fetching, error }] = useQuery({ query: MyMeetingsQuery });
  const personId = data?.me?.person?.id;
  const meetings = data?.myUpcomingMeetings.edges.map((e) => e.node) ?? [];
  return (
    <section>
      <PageTitle title={t('myMeetings.title')}>{t('myMeetings.title')}</PageTitle>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !data ? (
        <Loading />
      ) : meetings.length === 0 ? (
        <p className="muted">{t('myMeetings.none')}</p>
      ) : (
        <ul className="items">
          {meetings.map((m) => {
            const mine = m.participants.find((p) => p.person.id === personId);
            return (
              <li key={m.id} className="item">
                <div className="item-head">
                  <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                  <span className="muted">{enumLabel(t, 'meetingStatus', m.status)}</span>
                </div>
                <p className="muted">
                  {formatDateTime(locale, m.startsAt, m.timezone)} · {m.body.name}
                  {m.location ? ` · ${m.location}` : ''}
                </p>
                {mine && m.status === 'SCHEDULED' && <Rsvp meetingId={m.id} current={mine.rsvp} title={m.title} />}
              </li>
            );
          })}
        </ul>
      )}
      <CalendarFeedLink hasFeed={(data?.myCalendarFeeds ?? []).some((f) => !f.revokedAt)} />
    </section>
  );
}
