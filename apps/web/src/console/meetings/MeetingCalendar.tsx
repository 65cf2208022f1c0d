import { KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime, useI18n } from '../../i18n/i18n';
import { Button } from '../../ui/ui';
import { addMonths, dayIn, keyTarget, monthGrid, monthStart } from './calendar';

export interface CalendarMeeting {
  id: string;
  title: string;
  startsAt: string;
  timezone: string;
  status: string;
}

const label = (locale: string, date: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

/**
 * A month of meetings as a grid (a WAI-ARIA grid: one tab stop, arrow keys move by day and week, Home and End to
 * the week's ends, Page Up and Page Down by month), and the same month as a list on narrow screens (CSS shows one
 * or the other). The month shown is the caller's: it fetches that month's meetings.
 */
export function MeetingCalendar({
  month,
  onMonthChange,
  meetings,
  today = new Date().toISOString().slice(0, 10),
}: {
  /** Any day of the month to show, YYYY-MM-DD. */
  month: string;
  onMonthChange: (month: string) => void;
  meetings: CalendarMeeting[];
  today?: string;
}) {
  const { t, locale } = useI18n();
  const [focused, setFocused] = useState(() => (month.slice(0, 7) === today.slice(0, 7) ? today : monthStart(month)));
  const moved = useRef(false);
  const grid = useRef<HTMLTableElement>(null);
  const weeks = useMemo(() => monthGrid(month), [month]);
  const byDay = useMemo(() => {
    const map = new Map<string, CalendarMeeting[]>();
    for (const m of [...meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
      const day = dayIn(m.startsAt, m.timezone);
      map.set(day, [...(map.get(day) ?? []), m]);
    }
    return map;
  }, [meetings]);
  // The focused day follows the month shown (the buttons change it) and takes the focus after a key moved it.
  const current = focused.slice(0, 7) === month.slice(0, 7) ? focused : monthStart(month);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    grid.current?.querySelector<HTMLElement>(`[data-date="${current}"]`)?.focus();
  }, [current]);

  function onKeyDown(e: KeyboardEvent) {
    const rtl = document.documentElement.dir === 'rtl';
    const next = keyTarget(current, e.key, rtl);
    if (!next) return;
    e.preventDefault();
    moved.current = true;
    setFocused(next);
    if (next.slice(0, 7) !== month.slice(0, 7)) onMonthChange(next);
  }

  const title = label(locale, monthStart(month), { month: 'long', year: 'numeric' });
  const inMonth = [...byDay.entries()].filter(([day]) => day.slice(0, 7) === month.slice(0, 7));
  return (
    <div className="calendar">
      <div className="toolbar calendar-nav">
        <Button variant="secondary" onPress={() => onMonthChange(addMonths(monthStart(month), -1))}>
          {t('calendar.previous')}
        </Button>
        <h3 aria-live="polite" id="calendar-month">
          {title}
        </h3>
        <Button variant="secondary" onPress={() => onMonthChange(addMonths(monthStart(month), 1))}>
          {t('calendar.next')}
        </Button>
      </div>
      <p className="muted calendar-grid-only" id="calendar-help">
        {t('calendar.help')}
      </p>
      <table
        role="grid"
        ref={grid}
        className="calendar-grid"
        aria-labelledby="calendar-month"
        aria-describedby="calendar-help"
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr>
            {weeks[0].map((d) => (
              <th key={d.date} scope="col" abbr={label(locale, d.date, { weekday: 'long' })}>
                {label(locale, d.date, { weekday: 'short' })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0].date}>
              {week.map((d) => {
                const list = byDay.get(d.date) ?? [];
                const isFocused = d.date === current;
                return (
                  <td
                    key={d.date}
                    role="gridcell"
                    data-date={d.date}
                    tabIndex={isFocused ? 0 : -1}
                    aria-current={d.date === today ? 'date' : undefined}
                    className={[d.inMonth ? '' : 'other-month', d.date === today ? 'today' : ''].join(' ').trim()}
                    onFocus={() => setFocused(d.date)}
                  >
                    <span className="day-number">
                      <span aria-hidden="true">{Number(d.date.slice(8))}</span>
                      <span className="visually-hidden">
                        {label(locale, d.date, { dateStyle: 'full' })}
                        {', '}
                        {t('calendar.count', { count: list.length })}
                      </span>
                    </span>
                    {list.map((m) => (
                      <Link
                        key={m.id}
                        to={`/console/meetings/${m.id}`}
                        tabIndex={isFocused ? 0 : -1}
                        className={m.status === 'CANCELLED' ? 'cancelled' : undefined}
                      >
                        {m.title}
                      </Link>
                    ))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="calendar-list">
        {inMonth.length === 0 && <p className="muted">{t('calendar.empty')}</p>}
        <ul className="plain">
          {inMonth.map(([day, list]) => (
            <li key={day}>
              <strong>{label(locale, day, { weekday: 'long', day: 'numeric', month: 'long' })}</strong>
              <ul>
                {list.map((m) => (
                  <li key={m.id}>
                    <Link to={`/console/meetings/${m.id}`}>{m.title}</Link>{' '}
                    <span className="muted">{formatDateTime(locale, m.startsAt, m.timezone)}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
