import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { formatDateTime, useI18n } from '../../i18n/i18n';
import { apiErrors, fieldError, formErrors } from '../../ui/errors';
import { enumLabel } from '../../ui/labels';
import { Button, ErrorList, Field, StatusBadge } from '../../ui/ui';
import type { MeetingData } from './meetingData';

const RecordMinutes = graphql(`
  mutation ConsoleRecordMinutes($meetingId: ID!, $text: String!) {
    recordMinutes(meetingId: $meetingId, text: $text) {
      id
      status
      text
      circulatedAt
      adoptedAt
    }
  }
`);
const CirculateMinutes = graphql(`
  mutation ConsoleCirculateMinutes($meetingId: ID!) {
    circulateMinutes(meetingId: $meetingId) {
      id
      status
      text
      circulatedAt
      adoptedAt
    }
  }
`);
const AdoptMinutes = graphql(`
  mutation ConsoleAdoptMinutes($meetingId: ID!) {
    adoptMinutes(meetingId: $meetingId) {
      id
      status
      text
      circulatedAt
      adoptedAt
    }
  }
`);

/** Minutes: draft (saved as often as needed), circulate to participants, adopt. */
export function MinutesEditor({ meeting }: { meeting: MeetingData }) {
  const { t, locale } = useI18n();
  const [text, setText] = useState(meeting.minutes?.text ?? '');
  const [minutes, setMinutes] = useState(meeting.minutes);
  const [r1, record] = useMutation(RecordMinutes);
  const [r2, circulate] = useMutation(CirculateMinutes);
  const [r3, adopt] = useMutation(AdoptMinutes);
  useEffect(() => setMinutes(meeting.minutes), [meeting.minutes]);
  const errors = [...apiErrors(r1.error), ...apiErrors(r2.error), ...apiErrors(r3.error)];
  const status = minutes?.status;
  return (
    <form
      className="form"
      aria-label={t('minutes.title')}
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await record({ meetingId: meeting.id, text });
        if (res.data) setMinutes(res.data.recordMinutes);
      }}
    >
      <ErrorList errors={formErrors(errors, ['text'])} />
      <p>
        {status ? (
          <StatusBadge tone={status === 'ADOPTED' ? 'ok' : 'warn'}>{enumLabel(t, 'minutesStatus', status)}</StatusBadge>
        ) : (
          <span className="muted">{t('minutes.none')}</span>
        )}{' '}
        {minutes?.adoptedAt && formatDateTime(locale, minutes.adoptedAt)}
      </p>
      <Field
        label={t('minutes.text')}
        multiline
        value={text}
        onChange={setText}
        isReadOnly={!!status && status !== 'DRAFT'}
        error={fieldError(errors, 'text')}
      />
      <div className="toolbar">
        {(!status || status === 'DRAFT') && (
          <Button type="submit" isDisabled={r1.fetching}>
            {t('minutes.saveDraft')}
          </Button>
        )}
        {status === 'DRAFT' && (
          <Button
            variant="secondary"
            onPress={async () => {
              const res = await circulate({ meetingId: meeting.id });
              if (res.data) setMinutes(res.data.circulateMinutes);
            }}
          >
            {t('minutes.circulate')}
          </Button>
        )}
        {status === 'CIRCULATED' && (
          <Button
            onPress={async () => {
              const res = await adopt({ meetingId: meeting.id });
              if (res.data) setMinutes(res.data.adoptMinutes);
            }}
          >
            {t('minutes.adopt')}
          </Button>
        )}
      </div>
    </form>
  );
}
