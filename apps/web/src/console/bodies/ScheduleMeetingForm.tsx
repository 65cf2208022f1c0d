import { FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { MeetingKind } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiError, apiErrors, fieldError, formErrors } from '../../ui/errors';
import { enumLabel } from '../../ui/labels';
import { Button, ErrorList, Field, SelectField } from '../../ui/ui';
import { isoToLocal, localToIso } from '../view';

const ScheduleMeeting = graphql(`
  mutation ConsoleScheduleMeeting($input: MeetingInput!) {
    scheduleMeeting(input: $input) {
      id
    }
  }
`);

export const KINDS: MeetingKind[] = ['ORDINARY', 'EXTRAORDINARY', 'CONSULTATION', 'WORKSHOP', 'OUTREACH'];
const MEETING_FIELDS = ['title', 'kind', 'startsAt', 'endsAt', 'timezone', 'location', 'onlineUrl'] as const;

/** Schedules a one-off meeting of the body, inviting its members; then opens its console page. */
export function ScheduleMeetingForm({ bodyId, timezone }: { bodyId: string; timezone: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<MeetingKind>('ORDINARY');
  const [startsAt, setStartsAt] = useState(
    () => isoToLocal(new Date(Date.now() + 7 * 86400000)).slice(0, 11) + '09:00',
  );
  const [endsAt, setEndsAt] = useState(() => isoToLocal(new Date(Date.now() + 7 * 86400000)).slice(0, 11) + '12:00');
  const [tz, setTz] = useState(timezone);
  const [location, setLocation] = useState('');
  const [onlineUrl, setOnlineUrl] = useState('');
  const [localErrors, setLocalErrors] = useState<ApiError[]>([]);
  const [result, schedule] = useMutation(ScheduleMeeting);
  const errors = [...localErrors, ...apiErrors(result.error)];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: ApiError[] = [];
    if (!title.trim()) problems.push({ field: 'title', message: t('meeting.titleRequired') });
    const s = localToIso(startsAt);
    const end = localToIso(endsAt);
    if (!s) problems.push({ field: 'startsAt', message: t('meeting.dateRequired') });
    if (!end) problems.push({ field: 'endsAt', message: t('meeting.dateRequired') });
    else if (s && end <= s) problems.push({ field: 'endsAt', message: t('meeting.endAfterStart') });
    setLocalErrors(problems);
    if (problems.length) return;
    const res = await schedule(
      {
        input: {
          bodyId,
          title: title.trim(),
          kind,
          startsAt: s,
          endsAt: end,
          timezone: tz.trim(),
          location: location.trim() || null,
          onlineUrl: onlineUrl.trim() || null,
        },
      },
      { additionalTypenames: ['Meeting'] },
    );
    if (res.data) navigate(`/console/meetings/${res.data.scheduleMeeting.id}`);
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('meeting.scheduleTitle')}>
      <ErrorList errors={formErrors(errors, MEETING_FIELDS)} />
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
        <Field label={t('meeting.timezone')} value={tz} onChange={setTz} error={fieldError(errors, 'timezone')} />
      </div>
      <div className="row">
        <Field
          label={t('meeting.startsAt')}
          type="datetime-local"
          value={startsAt}
          onChange={setStartsAt}
          error={fieldError(errors, 'startsAt')}
          isRequired
        />
        <Field
          label={t('meeting.endsAt')}
          type="datetime-local"
          value={endsAt}
          onChange={setEndsAt}
          error={fieldError(errors, 'endsAt')}
          isRequired
        />
      </div>
      <div className="row">
        <Field
          label={t('meeting.location')}
          value={location}
          onChange={setLocation}
          error={fieldError(errors, 'location')}
        />
        <Field
          label={t('meeting.onlineUrl')}
          type="url"
          value={onlineUrl}
          onChange={setOnlineUrl}
          error={fieldError(errors, 'onlineUrl')}
        />
      </div>
      <p className="muted">{t('meeting.invitesMembers')}</p>
      <Button type="submit" isDisabled={result.fetching}>
        {t('meeting.schedule')}
      </Button>
    </form>
  );
}
