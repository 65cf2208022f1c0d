import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { ReminderPolicyInput } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiError, apiErrors, fieldError, formErrors } from '../../ui/errors';
import { Button, ErrorList, Field } from '../../ui/ui';

const SetPolicy = graphql(`
  mutation ConsoleSetReminderPolicy($bodyId: ID!, $input: ReminderPolicyInput!) {
    setReminderPolicy(bodyId: $bodyId, input: $input) {
      meetingReminders
      actionDueReminders
      overdueEscalationAfter
      minutesFollowUpAfter
    }
  }
`);

export interface Policy {
  meetingReminders: string[];
  actionDueReminders: string[];
  overdueEscalationAfter: string;
  minutesFollowUpAfter: string;
}

/** The API's Duration: ISO 8601 in weeks, days, hours, minutes or seconds (no months or years). */
const DURATION_RE = /^P(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
export const isDuration = (v: string) => DURATION_RE.test(v) && v !== 'P' && !v.endsWith('T');
/** A list typed as "P7D, P1D" (commas or spaces). */
export const durationList = (v: string) =>
  v
    .split(/[\s,]+/)
    .map((d) => d.trim().toUpperCase())
    .filter(Boolean);

const FIELDS = ['meetingReminders', 'actionDueReminders', 'overdueEscalationAfter', 'minutesFollowUpAfter'] as const;

/** When reminders go out and overdue work escalates, for this body. Lead times as ISO 8601 durations. */
export function ReminderPolicyForm({ bodyId, policy }: { bodyId: string; policy: Policy }) {
  const { t } = useI18n();
  const [meeting, setMeeting] = useState(policy.meetingReminders.join(', '));
  const [action, setAction] = useState(policy.actionDueReminders.join(', '));
  const [escalation, setEscalation] = useState(policy.overdueEscalationAfter);
  const [followUp, setFollowUp] = useState(policy.minutesFollowUpAfter);
  const [localErrors, setLocalErrors] = useState<ApiError[]>([]);
  const [saved, setSaved] = useState(false);
  const [result, save] = useMutation(SetPolicy);
  const errors = [...localErrors, ...apiErrors(result.error)];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const problems: ApiError[] = [];
    const lists = { meetingReminders: durationList(meeting), actionDueReminders: durationList(action) };
    for (const [field, list] of Object.entries(lists)) {
      if (list.some((d) => !isDuration(d))) problems.push({ field, message: t('policy.durationInvalid') });
      else if (list.length > 10) problems.push({ field, message: t('policy.tooMany') });
    }
    const single = {
      overdueEscalationAfter: escalation.trim().toUpperCase(),
      minutesFollowUpAfter: followUp.trim().toUpperCase(),
    };
    for (const [field, value] of Object.entries(single)) {
      if (!isDuration(value)) problems.push({ field, message: t('policy.durationInvalid') });
    }
    setLocalErrors(problems);
    if (problems.length) return;
    // Only what changed: a list or lead time left as it was is not sent (the API keeps it).
    const input: ReminderPolicyInput = {};
    if (lists.meetingReminders.join() !== policy.meetingReminders.join())
      input.meetingReminders = lists.meetingReminders;
    if (lists.actionDueReminders.join() !== policy.actionDueReminders.join()) {
      input.actionDueReminders = lists.actionDueReminders;
    }
    if (single.overdueEscalationAfter !== policy.overdueEscalationAfter) {
      input.overdueEscalationAfter = single.overdueEscalationAfter;
    }
    if (single.minutesFollowUpAfter !== policy.minutesFollowUpAfter)
      input.minutesFollowUpAfter = single.minutesFollowUpAfter;
    const res = await save({ bodyId, input }, { additionalTypenames: ['CoordinationBody'] });
    if (!res.error) setSaved(true);
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('policy.title')}>
      <p className="muted">{t('policy.help')}</p>
      <ErrorList errors={formErrors(errors, FIELDS)} />
      <Field
        label={t('policy.meetingReminders')}
        value={meeting}
        onChange={setMeeting}
        error={fieldError(errors, 'meetingReminders')}
        description={t('policy.listHint')}
      />
      <Field
        label={t('policy.actionDueReminders')}
        value={action}
        onChange={setAction}
        error={fieldError(errors, 'actionDueReminders')}
        description={t('policy.listHint')}
      />
      <div className="row">
        <Field
          label={t('policy.overdueEscalationAfter')}
          value={escalation}
          onChange={setEscalation}
          error={fieldError(errors, 'overdueEscalationAfter')}
        />
        <Field
          label={t('policy.minutesFollowUpAfter')}
          value={followUp}
          onChange={setFollowUp}
          error={fieldError(errors, 'minutesFollowUpAfter')}
        />
      </div>
      <Button type="submit" isDisabled={result.fetching}>
        {t('policy.save')}
      </Button>
      {saved && (
        <p role="status" className="ok">
          {t('policy.saved')}
        </p>
      )}
    </form>
  );
}
