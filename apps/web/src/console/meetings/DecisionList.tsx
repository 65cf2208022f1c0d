import { FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { formatDateTime, useI18n } from '../../i18n/i18n';
import { ApiError, apiErrors, fieldError, formErrors } from '../../ui/errors';
import { Button, ErrorList, Field, StatusBadge } from '../../ui/ui';
import type { MeetingData } from './meetingData';

const UpdateDecision = graphql(`
  mutation ConsoleUpdateDecision($id: ID!, $text: String!) {
    updateDecision(id: $id, text: $text) {
      id
      text
    }
  }
`);

const WithdrawDecision = graphql(`
  mutation ConsoleWithdrawDecision($id: ID!, $reason: String!) {
    withdrawDecision(id: $id, reason: $reason) {
      id
      withdrawnAt
      withdrawalReason
    }
  }
`);

type Decision = MeetingData['decisions'][number];

/** Corrects a decision's text, or withdraws it with a reason (it stays on record, marked). */
function Correction({
  decision,
  mode,
  onClose,
}: {
  decision: Decision;
  mode: 'edit' | 'withdraw';
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(mode === 'edit' ? decision.text : '');
  const [localErrors, setLocalErrors] = useState<ApiError[]>([]);
  const [r1, update] = useMutation(UpdateDecision);
  const [r2, withdraw] = useMutation(WithdrawDecision);
  const errors = [...localErrors, ...apiErrors(mode === 'edit' ? r1.error : r2.error)];
  const field = mode === 'edit' ? 'text' : 'reason';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) {
      setLocalErrors([{ field, message: t(mode === 'edit' ? 'decision.textRequired' : 'decision.reasonRequired') }]);
      return;
    }
    setLocalErrors([]);
    const res =
      mode === 'edit'
        ? await update({ id: decision.id, text: text.trim() })
        : await withdraw({ id: decision.id, reason: text.trim() }, { additionalTypenames: ['Decision'] });
    if (!res.error) onClose();
  }

  return (
    <form
      className="form"
      onSubmit={submit}
      aria-label={t(mode === 'edit' ? 'decision.correctLabel' : 'decision.withdrawLabel')}
    >
      <ErrorList errors={formErrors(errors, [field])} />
      <Field
        label={t(mode === 'edit' ? 'decision.correctedText' : 'decision.reason')}
        multiline
        value={text}
        onChange={setText}
        error={fieldError(errors, field)}
        isRequired
      />
      <div className="toolbar">
        <Button type="submit" isDisabled={r1.fetching || r2.fetching}>
          {t(mode === 'edit' ? 'decision.saveCorrection' : 'decision.confirmWithdraw')}
        </Button>
        <Button variant="secondary" onPress={onClose}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** The meeting's decisions with their action items; until the minutes are adopted, each can be corrected. */
export function DecisionList({ meeting }: { meeting: MeetingData }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState<{ id: string; mode: 'edit' | 'withdraw' } | null>(null);
  const correctable = meeting.minutes?.status !== 'ADOPTED';
  return (
    <ul className="plain">
      {meeting.decisions.map((d, i) => (
        <li key={d.id} className="item">
          {d.withdrawnAt ? (
            <>
              <p>
                <StatusBadge tone="bad">{t('decision.withdrawn')}</StatusBadge> <del>{d.text}</del>
              </p>
              <p className="muted">
                {t('decision.withdrawnBecause', {
                  date: formatDateTime(locale, d.withdrawnAt),
                  reason: d.withdrawalReason ?? '',
                })}
              </p>
            </>
          ) : (
            <p>{d.text}</p>
          )}
          {d.agendaItem && <p className="muted">{t('decision.onItem', { title: d.agendaItem.title })}</p>}
          {d.actionItems.map((a) => (
            <p key={a.id}>
              {t('decision.actionLink')} <Link to={`/action-items/${a.id}`}>{a.title}</Link>
            </p>
          ))}
          {correctable && !d.withdrawnAt && open?.id !== d.id && (
            <div className="toolbar">
              <Button variant="secondary" onPress={() => setOpen({ id: d.id, mode: 'edit' })}>
                {t('decision.correct', { number: i + 1 })}
              </Button>
              <Button variant="secondary" onPress={() => setOpen({ id: d.id, mode: 'withdraw' })}>
                {t('decision.withdraw', { number: i + 1 })}
              </Button>
            </div>
          )}
          {open?.id === d.id && <Correction decision={d} mode={open.mode} onClose={() => setOpen(null)} />}
        </li>
      ))}
    </ul>
  );
}
