import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatDate, formatDateTime, useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../ui/labels';
import { Button, StatusBadge } from '../../ui/ui';
import { addMonths, monthStart } from '../meetings/calendar';
import { MeetingCalendar } from '../meetings/MeetingCalendar';
import { ScheduleMeetingForm } from './ScheduleMeetingForm';
import { EndSeriesButton, SeriesForm } from './SeriesForm';

const BodyCalendar = graphql(`
  query BodyCalendar($id: ID!, $from: DateTime!, $to: DateTime!) {
    coordinationBody(id: $id) {
      id
      meetings(from: $from, to: $to, first: 100) {
        edges {
          node {
            id
            title
            startsAt
            timezone
            status
          }
        }
      }
    }
  }
`);

interface ListedMeeting {
  id: string;
  title: string;
  startsAt: string;
  timezone: string;
  status: string;
  quorumAtRisk: boolean;
}
interface Series {
  id: string;
  title: string;
  until?: string | null;
}

/** A month of the body's meetings, fetched for the month shown (a day either side for the time zones). */
function CalendarView({ bodyId }: { bodyId: string }) {
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 10));
  const from = `${monthStart(month)}T00:00:00Z`;
  const [{ data }] = useQuery({
    query: BodyCalendar,
    variables: {
      id: bodyId,
      from: new Date(Date.parse(from) - 86400000).toISOString(),
      to: new Date(Date.parse(`${addMonths(monthStart(month), 1)}T00:00:00Z`) + 86400000).toISOString(),
    },
  });
  const meetings = data?.coordinationBody?.meetings.edges.map((e) => e.node) ?? [];
  return <MeetingCalendar month={month} onMonthChange={setMonth} meetings={meetings} />;
}

/** The body's meetings as a list or a calendar; scheduling one meeting or a series; the series and their end. */
export function BodyMeetings({
  body,
  meetings,
  series,
  reload,
}: {
  body: { id: string; timezone: string };
  meetings: ListedMeeting[];
  series: Series[];
  reload: () => void;
}) {
  const { t, locale } = useI18n();
  const [view, setView] = useState<'list' | 'calendar'>('list');
  const [scheduling, setScheduling] = useState<'' | 'one' | 'series'>('');
  return (
    <section aria-labelledby="meetings">
      <h2 id="meetings">{t('meeting.listTitle')}</h2>
      <div className="toolbar">
        <Button onPress={() => setScheduling(scheduling === 'one' ? '' : 'one')}>{t('meeting.scheduleTitle')}</Button>
        <Button variant="secondary" onPress={() => setScheduling(scheduling === 'series' ? '' : 'series')}>
          {t('series.formLabel')}
        </Button>
      </div>
      {scheduling === 'one' && <ScheduleMeetingForm bodyId={body.id} timezone={body.timezone} />}
      {scheduling === 'series' && <SeriesForm bodyId={body.id} timezone={body.timezone} onDone={reload} />}
      {series.length > 0 && (
        <>
          <h3>{t('series.listTitle')}</h3>
          <ul className="plain">
            {series.map((s) => (
              <li key={s.id} className="item">
                <span>
                  <strong>{s.title}</strong>
                  {s.until && (
                    <span className="muted"> · {t('series.untilDate', { date: formatDate(locale, s.until) })}</span>
                  )}
                </span>
                <EndSeriesButton series={s} onEnded={reload} />
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="toolbar" role="group" aria-label={t('calendar.view')}>
        <Button
          variant={view === 'list' ? 'primary' : 'secondary'}
          aria-pressed={view === 'list'}
          onPress={() => setView('list')}
        >
          {t('calendar.asList')}
        </Button>
        <Button
          variant={view === 'calendar' ? 'primary' : 'secondary'}
          aria-pressed={view === 'calendar'}
          onPress={() => setView('calendar')}
        >
          {t('calendar.asCalendar')}
        </Button>
      </div>
      {view === 'calendar' ? (
        <CalendarView bodyId={body.id} />
      ) : (
        <>
          {meetings.length === 0 && <p className="muted">{t('meeting.none')}</p>}
          <ul className="plain">
            {meetings.map((m) => (
              <li key={m.id} className="item">
                <Link to={`/console/meetings/${m.id}`}>{m.title}</Link>{' '}
                <span className="muted">{formatDateTime(locale, m.startsAt, m.timezone)}</span>{' '}
                <StatusBadge tone={m.status === 'CANCELLED' ? 'bad' : 'neutral'}>
                  {enumLabel(t, 'meetingStatus', m.status)}
                </StatusBadge>{' '}
                {m.quorumAtRisk && <StatusBadge tone="bad">{t('quorum.atRisk')}</StatusBadge>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
