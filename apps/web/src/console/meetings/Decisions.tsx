import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n/i18n';
import { ApiError, apiErrors, fieldError, formErrors } from '../../ui/errors';
import { Button, ErrorList, Field, SelectField } from '../../ui/ui';
import type { MeetingData } from './meetingData';

const RecordDecision = graphql(`
  mutation ConsoleRecordDecision($meetingId: ID!, $agendaItemId: ID, $text: String!) {
    recordDecision(meetingId: $meetingId, agendaItemId: $agendaItemId, text: $text) {
      id
    }
  }
`);

const CreateActionItem = graphql(`
  mutation ConsoleCreateActionItem($input: ActionItemInput!) {
    createActionItem(input: $input) {
      id
      title
    }
  }
`);

const DECISION_FIELDS = ['text', 'agendaItemId', 'title', 'dueOn', 'ownerPersonId', 'ownerOrganizationId'] as const;

/** A decision, linked to an agenda item, and in the same flow the action item it calls for. */
export function DecisionForm({ meeting, onDone }: { meeting: MeetingData; onDone: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [agendaItemId, setAgendaItemId] = useState('');
  const [withAction, setWithAction] = useState(true);
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [owner, setOwner] = useState('');
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  // A decision recorded in an earlier attempt whose action item failed: the retry only adds the action item.
  const [decisionId, setDecisionId] = useState('');
  const [, recordDecision] = useMutation(RecordDecision);
  const [, createAction] = useMutation(CreateActionItem);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone('');
    const problems: ApiError[] = [];
    if (!text.trim() && !decisionId) problems.push({ field: 'text', message: t('decision.textRequired') });
    if (withAction && !title.trim()) problems.push({ field: 'title', message: t('decision.actionTitleRequired') });
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    try {
      let id = decisionId;
      if (!id) {
        const res = await recordDecision(
          { meetingId: meeting.id, agendaItemId: agendaItemId || null, text: text.trim() },
          { additionalTypenames: ['Decision'] },
        );
        if (res.error || !res.data) return setErrors(apiErrors(res.error));
        id = res.data.recordDecision.id;
        setDecisionId(id);
      }
      if (withAction) {
        const participant = meeting.participants.find((p) => p.person.id === owner);
        const res = await createAction(
          {
            input: {
              bodyId: meeting.body.id,
              meetingId: meeting.id,
              decisionId: id,
              title: title.trim(),
              dueOn: dueOn || null,
              ownerPersonId: owner || null,
              ownerOrganizationId: participant?.organization?.id ?? null,
            },
          },
          { additionalTypenames: ['ActionItem'] },
        );
        if (res.error) return setErrors(apiErrors(res.error));
      }
      setDecisionId('');
      setText('');
      setTitle('');
      setDueOn('');
      setOwner('');
      setDone(withAction ? t('decision.savedWithAction') : t('decision.saved'));
      onDone();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('decision.formLabel')}>
      <ErrorList errors={formErrors(errors, DECISION_FIELDS)} />
      <Field
        label={t('decision.text')}
        multiline
        value={text}
        onChange={setText}
        error={fieldError(errors, 'text')}
        isDisabled={!!decisionId}
        description={decisionId ? t('decision.alreadyRecorded') : undefined}
      />
      <SelectField
        label={t('decision.agendaItem')}
        value={agendaItemId}
        onChange={setAgendaItemId}
        error={fieldError(errors, 'agendaItemId')}
      >
        <option value="">{t('decision.noAgendaItem')}</option>
        {meeting.agenda.map((a) => (
          <option key={a.id} value={a.id}>
            {a.position}. {a.title}
          </option>
        ))}
      </SelectField>
      <label className="check">
        <input type="checkbox" checked={withAction} onChange={(e) => setWithAction(e.target.checked)} />{' '}
        {t('decision.withAction')}
      </label>
      {withAction && (
        <fieldset>
          <legend>{t('decision.action')}</legend>
          <Field
            label={t('decision.actionTitle')}
            value={title}
            onChange={setTitle}
            error={fieldError(errors, 'title')}
          />
          <div className="row">
            <SelectField
              label={t('decision.owner')}
              value={owner}
              onChange={setOwner}
              error={fieldError(errors, 'ownerPersonId') ?? fieldError(errors, 'ownerOrganizationId')}
            >
              <option value="">{t('decision.noOwner')}</option>
              {meeting.participants.map((p) => (
                <option key={p.person.id} value={p.person.id}>
                  {p.person.fullName}
                  {p.organization ? ` (${p.organization.name})` : ''}
                </option>
              ))}
            </SelectField>
            <Field
              label={t('decision.dueOn')}
              type="date"
              value={dueOn}
              onChange={setDueOn}
              error={fieldError(errors, 'dueOn')}
            />
          </div>
        </fieldset>
      )}
      <Button type="submit" isDisabled={busy}>
        {t('decision.submit')}
      </Button>
      {done && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
    </form>
  );
}
