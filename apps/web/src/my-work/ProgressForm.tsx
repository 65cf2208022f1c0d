import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { ActionStatus } from '../gql/graphql';
import { useT } from '../i18n/i18n';
import { apiErrors, fieldError, formErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { Button, ErrorList, Field, SelectField } from '../ui/ui';

const ReportProgress = graphql(`
  mutation ReportProgress($id: ID!, $input: ActionProgressInput!) {
    reportProgress(id: $id, input: $input) {
      id
      status
      progressPercent
      isOverdue
      completedAt
      updates {
        id
        createdAt
        note
        progressPercent
        status
        author {
          id
          fullName
        }
      }
    }
  }
`);

const STATUSES: ActionStatus[] = ['OPEN', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED'];
const FIELDS = ['note', 'progressPercent', 'status'] as const;

/** What the form sends: only what the user changed, besides the note. */
export function progressInput(
  note: string,
  percent: string,
  status: string,
  current: { status: string; progressPercent: number },
) {
  const input: { note: string; progressPercent?: number; status?: ActionStatus } = { note: note.trim() };
  if (percent !== '' && Number(percent) !== current.progressPercent) input.progressPercent = Number(percent);
  if (status && status !== current.status) input.status = status as ActionStatus;
  return input;
}

/**
 * Reports progress on an action item: a note, and optionally a new percentage and status. The API's errors
 * appear next to the field they name; what was typed stays until the report is accepted.
 */
export function ProgressForm({
  item,
  onDone,
}: {
  item: { id: string; title: string; status: string; progressPercent: number };
  onDone?: () => void;
}) {
  const t = useT();
  const [note, setNote] = useState('');
  const [percent, setPercent] = useState(String(item.progressPercent));
  const [status, setStatus] = useState(item.status);
  const [localErrors, setLocalErrors] = useState<Array<{ message: string; field?: string }>>([]);
  const [saved, setSaved] = useState(false);
  const [result, report] = useMutation(ReportProgress);
  const errors = [...localErrors, ...apiErrors(result.error)];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const problems: Array<{ message: string; field: string }> = [];
    if (!note.trim()) problems.push({ field: 'note', message: t('progress.noteRequired') });
    const n = Number(percent);
    if (percent !== '' && (!Number.isInteger(n) || n < 0 || n > 100)) {
      problems.push({ field: 'progressPercent', message: t('progress.percentRange') });
    }
    setLocalErrors(problems);
    if (problems.length) return;
    const res = await report({ id: item.id, input: progressInput(note, percent, status, item) });
    if (!res.error) {
      setNote('');
      setSaved(true);
      onDone?.();
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('progress.formLabel', { title: item.title })}>
      <ErrorList errors={formErrors(errors, FIELDS)} />
      <Field
        label={t('progress.note')}
        name="note"
        multiline
        value={note}
        onChange={setNote}
        error={fieldError(errors, 'note')}
        isRequired
      />
      <div className="row">
        <Field
          label={t('progress.percent')}
          name="progressPercent"
          type="number"
          inputMode="numeric"
          value={percent}
          onChange={setPercent}
          error={fieldError(errors, 'progressPercent')}
        />
        <SelectField
          label={t('progress.status')}
          name="status"
          value={status}
          onChange={setStatus}
          error={fieldError(errors, 'status')}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {enumLabel(t, 'actionStatus', s)}
            </option>
          ))}
        </SelectField>
      </div>
      <Button type="submit" isDisabled={result.fetching}>
        {t('progress.submit')}
      </Button>
      {saved && (
        <p role="status" className="ok">
          {t('progress.saved')}
        </p>
      )}
    </form>
  );
}
