import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/i18n';
import { addMonths, dayIn, keyTarget, monthGrid } from './calendar';
import { CalendarMeeting, MeetingCalendar } from './MeetingCalendar';

describe('calendar', () => {
  it('lays a month out in Monday-first weeks, with the neighbouring days', () => {
    const weeks = monthGrid('2027-02-14');
    expect(weeks).toHaveLength(4); // February 2027 starts on a Monday and has 28 days.
    expect(weeks[0][0]).toEqual({ date: '2027-02-01', inMonth: true });
    const march = monthGrid('2026-03-01');
    expect(march[0][0].date).toBe('2026-02-23');
    expect(march[0][6]).toEqual({ date: '2026-03-01', inMonth: true });
    expect(march.at(-1)!.at(-1)!.date).toBe('2026-04-05');
  });

  it('moves by day, week, week end and month, mirrored right to left', () => {
    expect(keyTarget('2026-03-31', 'ArrowRight')).toBe('2026-04-01');
    expect(keyTarget('2026-03-31', 'ArrowRight', true)).toBe('2026-03-30');
    expect(keyTarget('2026-03-04', 'ArrowUp')).toBe('2026-02-25');
    expect(keyTarget('2026-03-04', 'Home')).toBe('2026-03-02');
    expect(keyTarget('2026-03-04', 'End')).toBe('2026-03-08');
    expect(keyTarget('2026-01-31', 'PageDown')).toBe('2026-02-28');
    expect(keyTarget('2026-03-04', 'Enter')).toBeNull();
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('puts a meeting on the day it starts in its own time zone', () => {
    expect(dayIn('2026-03-01T22:30:00Z', 'Africa/Nairobi')).toBe('2026-03-02');
    expect(dayIn('2026-03-01T22:30:00Z', 'UTC')).toBe('2026-03-01');
  });
});

const meetings: CalendarMeeting[] = [
  { id: 'm1', title: 'TWG plenary', startsAt: '2026-03-10T07:00:00Z', timezone: 'Africa/Nairobi', status: 'SCHEDULED' },
  {
    id: 'm2',
    title: 'County review',
    startsAt: '2026-04-02T07:00:00Z',
    timezone: 'Africa/Nairobi',
    status: 'SCHEDULED',
  },
];

function Harness() {
  const [month, setMonth] = useState('2026-03-01');
  return (
    <I18nProvider initial="en">
      <MemoryRouter>
        <MeetingCalendar
          month={month}
          onMonthChange={setMonth}
          meetings={meetings.filter((m) => m.startsAt.slice(0, 7) === month.slice(0, 7))}
          today="2026-03-09"
        />
      </MemoryRouter>
    </I18nProvider>
  );
}

describe('MeetingCalendar', () => {
  it('shows the month as a grid with one tab stop on today, and the same meetings as a list', () => {
    render(<Harness />);
    const grid = screen.getByRole('grid', { name: 'March 2026' });
    const today = within(grid).getByRole('gridcell', { name: /Monday, March 9, 2026, no meeting/ });
    expect(today).toHaveAttribute('tabindex', '0');
    expect(today).toHaveAttribute('aria-current', 'date');
    expect(grid.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
    const day = within(grid).getByRole('gridcell', { name: /Tuesday, March 10, 2026, 1 meeting/ });
    expect(within(day).getByRole('link', { name: 'TWG plenary' })).toHaveAttribute('href', '/console/meetings/m1');
    expect(screen.getAllByRole('link', { name: 'TWG plenary' })).toHaveLength(2); // the grid's and the list's
  });

  it('is navigable by keyboard, across months', async () => {
    render(<Harness />);
    const user = userEvent.setup();
    await user.tab(); // Previous month
    await user.tab(); // Next month
    await user.tab();
    expect(document.activeElement).toHaveAccessibleName(/March 9, 2026/);
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toHaveAccessibleName(/Tuesday, March 10, 2026, 1 meeting/);
    await user.tab();
    expect(document.activeElement).toHaveAccessibleName('TWG plenary');
    await user.keyboard('{Shift>}{Tab}{/Shift}{PageDown}');
    expect(screen.getByRole('grid', { name: 'April 2026' })).toBeInTheDocument();
    expect(document.activeElement).toHaveAccessibleName(/Friday, April 10, 2026/);
    await user.keyboard('{ArrowUp}{ArrowLeft}');
    expect(document.activeElement).toHaveAccessibleName(/Thursday, April 2, 2026, 1 meeting/);
    await user.click(screen.getByRole('button', { name: 'Previous month' }));
    expect(screen.getByRole('grid', { name: 'March 2026' })).toBeInTheDocument();
  });
});
