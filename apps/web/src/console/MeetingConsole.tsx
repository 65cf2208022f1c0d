import { useRef } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { formatDateTime, useI18n } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { ErrorList, Loading, PageTitle } from '../ui/ui';
import { useAccess } from './access';
import { AgendaEditor } from './meetings/AgendaEditor';
import { Attendance, Quorum } from './meetings/Attendance';
import { DecisionList } from './meetings/DecisionList';
import { DecisionForm } from './meetings/Decisions';
import { MeetingConsoleDoc } from './meetings/meetingData';
import { MinutesEditor } from './meetings/Minutes';

/** A meeting's console page: agenda, invitations and quorum, attendance, decisions and actions, minutes. */
export default function MeetingConsole() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const access = useAccess();
  const [{ data: fresh, fetching, error }, refetch] = useQuery({ query: MeetingConsoleDoc, variables: { id } });
  // Kept while the document cache fetches it again after a mutation: forms below keep their state and messages.
  const last = useRef(fresh);
  if (fresh) last.current = fresh;
  const data = fresh ?? (last.current?.meeting?.id === id ? last.current : undefined);
  if (fetching && !data) return <Loading />;
  const meeting = data?.meeting;
  if (!meeting || !access.canManage(meeting.body.id)) {
    return (
      <section>
        <ErrorList errors={apiErrors(error)} />
        <PageTitle title={t('console.notManaged')}>{t('console.notManaged')}</PageTitle>
      </section>
    );
  }
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const started = new Date(meeting.startsAt).getTime() <= Date.now();
  return (
    <article>
      <nav aria-label={t('body.breadcrumb')} className="breadcrumb">
        <Link to="/console">{t('console.bodies')}</Link> /{' '}
        <Link to={`/console/bodies/${meeting.body.id}`}>{meeting.body.name}</Link>
      </nav>
      <PageTitle title={meeting.title}>{meeting.title}</PageTitle>
      <p className="muted">
        {formatDateTime(locale, meeting.startsAt, meeting.timezone)} · {enumLabel(t, 'meetingStatus', meeting.status)}
        {meeting.location && ` · ${meeting.location}`} ·{' '}
        <Link to={`/meetings/${meeting.id}`}>{t('console.publicPage')}</Link>
      </p>

      <section aria-labelledby="invitations">
        <h2 id="invitations">{t('invitations.title', { count: meeting.participants.length })}</h2>
        <Quorum meeting={meeting} />
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">
              {t('invitations.title', { count: meeting.participants.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('invitations.person')}</th>
                <th scope="col">{t('invitations.rsvp')}</th>
                <th scope="col">{t('invitations.voting')}</th>
              </tr>
            </thead>
            <tbody>
              {meeting.participants.map((p) => (
                <tr key={p.person.id}>
                  <th scope="row">
                    {p.person.fullName}
                    {p.organization && <span className="muted"> · {p.organization.name}</span>}
                  </th>
                  <td>
                    {enumLabel(t, 'rsvp', p.rsvp)}
                    {p.standingInFor && (
                      <span className="muted"> · {t('alternate.standingIn', { name: p.standingInFor.fullName })}</span>
                    )}
                  </td>
                  <td>{p.voting ? t('common.yes') : t('common.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="agenda">
        <h2 id="agenda">{t('agenda.title')}</h2>
        <p className="muted">{t('agenda.help')}</p>
        <AgendaEditor meeting={meeting} />
      </section>

      <section aria-labelledby="attendance">
        <h2 id="attendance">{t('attendance.title')}</h2>
        {started ? <Attendance meeting={meeting} /> : <p className="muted">{t('attendance.notYet')}</p>}
      </section>

      <section aria-labelledby="decisions">
        <h2 id="decisions">{t('decision.title')}</h2>
        <DecisionList meeting={meeting} />
        <DecisionForm meeting={meeting} onDone={reload} />
      </section>

      <section aria-labelledby="minutes">
        <h2 id="minutes">{t('minutes.title')}</h2>
        {meeting.status === 'HELD' ? (
          <MinutesEditor meeting={meeting} />
        ) : (
          <p className="muted">{t('minutes.afterHeld')}</p>
        )}
      </section>
    </article>
  );
}
