import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useSessionState } from '../app/SessionProvider';
import { graphql } from '../gql';
import { formatDateTime, useI18n } from '../i18n/i18n';
import { Rsvp } from '../my-work/Rsvp';
import { apiErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { ErrorList, Loading, PageTitle } from '../ui/ui';

const MeetingQuery = graphql(`
  query MeetingPage($id: ID!) {
    meeting(id: $id) {
      id
      title
      kind
      status
      startsAt
      endsAt
      timezone
      location
      onlineUrl
      cancelReason
      body {
        id
        name
      }
      agenda {
        id
        position
        title
        description
      }
      participants {
        rsvp
        person {
          id
          fullName
        }
        organization {
          id
          name
        }
      }
      decisions {
        id
        text
      }
    }
    me {
      id
      person {
        id
      }
    }
  }
`);

/** A meeting: when, where, agenda, who is invited, decisions; the invitee answers here (a mail link opens it). */
export function MeetingPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const session = useSessionState();
  const [{ data, fetching, error }] = useQuery({ query: MeetingQuery, variables: { id } });
  if (fetching && !data) return <Loading />;
  const meeting = data?.meeting;
  if (!meeting) {
    return (
      <section>
        <ErrorList errors={apiErrors(error)} />
        <PageTitle title={t('meeting.notFound')}>{t('meeting.notFound')}</PageTitle>
        <p>{session.status === 'signedIn' ? t('meeting.notFoundText') : t('item.notFoundSignIn')}</p>
      </section>
    );
  }
  const myPersonId = data?.me?.person?.id;
  const mine = meeting.participants.find((p) => p.person.id === myPersonId);
  return (
    <article>
      <nav aria-label={t('body.breadcrumb')} className="breadcrumb">
        <Link to={`/bodies/${meeting.body.id}`}>{meeting.body.name}</Link>
      </nav>
      <PageTitle title={meeting.title}>{meeting.title}</PageTitle>
      <dl className="facts">
        <dt>{t('meeting.when')}</dt>
        <dd>
          {formatDateTime(locale, meeting.startsAt, meeting.timezone)} –{' '}
          {formatDateTime(locale, meeting.endsAt, meeting.timezone)} ({meeting.timezone})
        </dd>
        <dt>{t('meeting.status')}</dt>
        <dd>
          {enumLabel(t, 'meetingStatus', meeting.status)}
          {meeting.cancelReason ? ` (${meeting.cancelReason})` : ''}
        </dd>
        {meeting.location && (
          <>
            <dt>{t('meeting.where')}</dt>
            <dd>{meeting.location}</dd>
          </>
        )}
        {meeting.onlineUrl && (
          <>
            <dt>{t('meeting.online')}</dt>
            <dd>
              <a href={meeting.onlineUrl} rel="noopener noreferrer">
                {meeting.onlineUrl}
              </a>
            </dd>
          </>
        )}
      </dl>
      {mine && meeting.status === 'SCHEDULED' && (
        <Rsvp meetingId={meeting.id} current={mine.rsvp} title={meeting.title} />
      )}
      <section aria-labelledby="agenda">
        <h2 id="agenda">{t('meeting.agenda')}</h2>
        {meeting.agenda.length === 0 ? (
          <p className="muted">{t('meeting.noAgenda')}</p>
        ) : (
          <ol>
            {meeting.agenda.map((a) => (
              <li key={a.id}>
                {a.title}
                {a.description ? <p className="muted">{a.description}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      {meeting.decisions.length > 0 && (
        <section aria-labelledby="decisions">
          <h2 id="decisions">{t('meeting.decisions')}</h2>
          <ul>
            {meeting.decisions.map((d) => (
              <li key={d.id}>{d.text}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="participants">
        <h2 id="participants">{t('meeting.participants', { count: meeting.participants.length })}</h2>
        <ul>
          {meeting.participants.map((p) => (
            <li key={p.person.id}>
              {p.person.fullName}
              {p.organization ? `, ${p.organization.name}` : ''} — {enumLabel(t, 'rsvp', p.rsvp)}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
