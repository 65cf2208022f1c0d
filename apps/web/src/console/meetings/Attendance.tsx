import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { AttendanceStatus } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { apiErrors } from '../../ui/errors';
import { enumLabel } from '../../ui/labels';
import { Button, ErrorList, StatusBadge } from '../../ui/ui';
import type { MeetingData } from './meetingData';

const RecordAttendance = graphql(`
  mutation ConsoleRecordAttendance($meetingId: ID!, $entries: [AttendanceInput!]!) {
    recordAttendance(meetingId: $meetingId, entries: $entries) {
      id
      status
      quorum {
        counted
        met
        required
        votingMembers
      }
      quorumAtRisk
      participants {
        attendance
        rsvp
        voting
        isMember
        person {
          id
          fullName
        }
        standingInFor {
          id
          fullName
        }
        organization {
          id
          name
          sector
        }
      }
    }
  }
`);

export function Quorum({ meeting }: { meeting: Pick<MeetingData, 'quorum' | 'quorumAtRisk' | 'status'> }) {
  const { t } = useI18n();
  const q = meeting.quorum;
  return (
    <p className={meeting.quorumAtRisk ? 'alert' : q.met ? 'ok' : 'muted'} data-testid="quorum">
      {meeting.quorumAtRisk && <StatusBadge tone="bad">{t('quorum.atRisk')}</StatusBadge>}{' '}
      {t(meeting.status === 'HELD' ? 'quorum.present' : 'quorum.accepted', {
        counted: q.counted,
        required: q.required,
        voting: q.votingMembers,
      })}{' '}
      {q.met ? t('quorum.met') : t('quorum.notMet')}
    </p>
  );
}

const ATTENDANCE: AttendanceStatus[] = ['PRESENT', 'ABSENT', 'EXCUSED'];

/** Attendance on the day: one row per invitee, large choices for a phone, "all present" to start from. */
export function Attendance({ meeting }: { meeting: MeetingData }) {
  const { t } = useI18n();
  const [marks, setMarks] = useState<Record<string, AttendanceStatus | undefined>>(() =>
    Object.fromEntries(meeting.participants.map((p) => [p.person.id, p.attendance ?? undefined])),
  );
  const [saved, setSaved] = useState(false);
  const [result, record] = useMutation(RecordAttendance);
  const errors = apiErrors(result.error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const entries = Object.entries(marks)
      .filter(([, a]) => a)
      .map(([personId, attendance]) => ({ personId, attendance: attendance! }));
    const res = await record({ meetingId: meeting.id, entries });
    if (!res.error) setSaved(true);
  }
  return (
    <form className="form" onSubmit={submit} aria-label={t('attendance.title')}>
      <ErrorList errors={errors} />
      <Button
        variant="secondary"
        onPress={() => setMarks(Object.fromEntries(meeting.participants.map((p) => [p.person.id, 'PRESENT' as const])))}
      >
        {t('attendance.allPresent')}
      </Button>
      <ul className="plain attendance">
        {meeting.participants.map((p) => (
          <li key={p.person.id} className="item">
            <fieldset>
              <legend>
                {p.person.fullName}
                {p.organization && <span className="muted"> · {p.organization.name}</span>}
              </legend>
              <div className="choices">
                {ATTENDANCE.map((a) => (
                  <label key={a} className="choice">
                    <input
                      type="radio"
                      name={`att-${p.person.id}`}
                      checked={marks[p.person.id] === a}
                      onChange={() => setMarks({ ...marks, [p.person.id]: a })}
                    />{' '}
                    {enumLabel(t, 'attendance', a)}
                  </label>
                ))}
              </div>
            </fieldset>
          </li>
        ))}
      </ul>
      <Button type="submit" isDisabled={result.fetching}>
        {t('attendance.save')}
      </Button>
      {saved && (
        <p role="status" className="ok">
          {t('attendance.saved')}
        </p>
      )}
    </form>
  );
}
