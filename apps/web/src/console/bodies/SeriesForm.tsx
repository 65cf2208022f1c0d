import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { MeetingKind } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiError, apiErrors, fieldError, formErrors } from '../../ui/errors';
import { enumLabel } from '../../ui/labels';
import { Button, ErrorList, Field, SelectField } from '../../ui/ui';
import { KINDS } from './ScheduleMeetingForm';

const ScheduleSeries = graphql(`
  mutation ConsoleScheduleSeries($input: MeetingSeriesInput!) {
    scheduleMeetingSeries(input: $input) {
      id
      title
      until
    }
  }
`);

const EndSeries = graphql(`
  mutation ConsoleEndSeries($id: ID!, $from: Date!) {
    endMeetingSeries(id: $id, from: $from) {
      id
      until
    }
  }
`);

/** The repeats a secretariat picks from, as RFC 5545 rules; '' lets the API take the adopted ToR's frequency. */
export const REPEATS = {
  TOR: '',
  WEEKLY: 'FREQ=WEEKLY',
  FORTNIGHTLY: 'FREQ=WEEKLY;INTERVAL=2',
  MONTHLY: 'FREQ=MONTHLY',
  QUARTERLY: 'FREQ=MONTHLY;INTERVAL=3',
  BIANNUAL: 'FREQ=MONTHLY;INTERVAL=6',
  ANNUAL: 'FREQ=YEARLY',
} as const;
type Repeat = keyof typeof REPEATS;

const FIELDS = [
  'title',
  'kind',
  'recurrenceRule',
  'startsOn',
  'localStartTime',
  'durationMinutes',
  'timezone',
  'location',
  'onlineUrl',
  'until',
] as const;

/** Schedules a series (each occurrence a normal meeting, invitations and reminders included). */
export function SeriesForm({ bodyId, timezone, onDone }: { bodyId: string; timezone: string; onDone: () => void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<MeetingKind>('ORDINARY');
  const [repeat, setRepeat] = useState<Repeat>('MONTHLY');
  const [startsOn, setStartsOn] = useState(() => new Date(Date.now() + 7 * 86400000).toISOString().slice(0, 10));
  const [time, setTime] = useState('10:00');
  const [duration, setDuration] = useState('120');
  const [tz, setTz] = useState(timezone);
  const [location, setLocation] = useState('');
  const [until, setUntil] = useState('');
  const [localErrors, setLocalErrors] = useState<ApiError[]>([]);
  const [done, setDone] = useState('');
  const [result, schedule] = useMutation(ScheduleSeries);
  const errors = [...localErrors, ...apiErrors(result.error)];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone('');
    // The API's rules, checked first so that the message sits next to the field at once.
    const problems: ApiError[] = [];
    if (!title.trim()) problems.push({ field: 'title', message: t('series.titleRequired') });
    if (!startsOn) problems.push({ field: 'startsOn', message: t('meeting.dateRequired') });
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time))
      problems.push({ field: 'localStartTime', message: t('series.timeInvalid') });
    const minutes = Number(duration);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
      problems.push({ field: 'durationMinutes', message: t('agenda.durationRange') });
    }
    if (until && startsOn && until < startsOn) problems.push({ field: 'until', message: t('series.untilAfterStart') });
    setLocalErrors(problems);
    if (problems.length) return;
    const res = await schedule(
      {
        input: {
          bodyId,
          title: title.trim(),
          kind,
          recurrenceRule: REPEATS[repeat],
          startsOn,
          localStartTime: time,
          durationMinutes: minutes,
          timezone: tz.trim(),
          location: location.trim() || null,
          until: until || null,
        },
      },
      { additionalTypenames: ['Meeting', 'MeetingSeries'] },
    );
    if (res.data) {
      setDone(t('series.scheduled', { title: res.data.scheduleMeetingSeries.title }));
      setTitle('');
      onDone();
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('series.formLabel')}>
      <ErrorList errors={formErrors(errors, FIELDS)} />
      <Field
        label={t('meeting.title')}
        value={title}
        onChange={setTitle}
        error={fieldError(errors, 'title')}
        isRequired
      />
      <div className="row">
        <SelectField label={t('meeting.kind')} value={kind} onChange={(v) => setKind(v as MeetingKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {enumLabel(t, 'meetingKind', k)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('series.repeats')}
          value={repeat}
          onChange={(v) => setRepeat(v as Repeat)}
          error={fieldError(errors, 'recurrenceRule')}
        >
          {(Object.keys(REPEATS) as Repeat[]).map((r) => (
            <option key={r} value={r}>
              {enumLabel(t, 'series.repeat', r)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="row">
        <Field
          label={t('series.startsOn')}
          type="date"
          value={startsOn}
          onChange={setStartsOn}
          error={fieldError(errors, 'startsOn')}
          isRequired
        />
        <Field
          label={t('series.time')}
          type="time"
          value={time}
          onChange={setTime}
          error={fieldError(errors, 'localStartTime')}
          isRequired
        />
        <Field
          label={t('series.duration')}
          type="number"
          inputMode="numeric"
          value={duration}
          onChange={setDuration}
          error={fieldError(errors, 'durationMinutes')}
          isRequired
        />
      </div>
      <div className="row">
        <Field label={t('meeting.timezone')} value={tz} onChange={setTz} error={fieldError(errors, 'timezone')} />
        <Field
          label={t('meeting.location')}
          value={location}
          onChange={setLocation}
          error={fieldError(errors, 'location')}
        />
        <Field
          label={t('series.until')}
          type="date"
          value={until}
          onChange={setUntil}
          error={fieldError(errors, 'until')}
          description={t('series.untilHint')}
        />
      </div>
      <Button type="submit" isDisabled={result.fetching}>
        {t('series.schedule')}
      </Button>
      {done && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
    </form>
  );
}

/** Ends a series from a day on: later occurrences are cancelled, held ones kept. */
export function EndSeriesButton({ series, onEnded }: { series: { id: string; title: string }; onEnded: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState(() => new Date().toISOString().slice(0, 10));
  const [result, end] = useMutation(EndSeries);
  const errors = apiErrors(result.error);
  if (!open) {
    return (
      <Button variant="secondary" onPress={() => setOpen(true)}>
        {t('series.end', { title: series.title })}
      </Button>
    );
  }
  return (
    <form
      className="inline-form"
      aria-label={t('series.end', { title: series.title })}
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await end({ id: series.id, from }, { additionalTypenames: ['Meeting', 'MeetingSeries'] });
        if (!res.error) {
          setOpen(false);
          onEnded();
        }
      }}
    >
      <Field
        label={t('series.endFrom')}
        type="date"
        value={from}
        onChange={setFrom}
        error={fieldError(errors, 'from')}
        description={t('series.endHint')}
      />
      <ErrorList errors={formErrors(errors, ['from'])} />
      <Button type="submit">{t('series.confirmEnd')}</Button>
      <Button variant="secondary" onPress={() => setOpen(false)}>
        {t('common.cancel')}
      </Button>
    </form>
  );
}
