import { Radio, RadioGroup, Label } from 'react-aria-components';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { Rsvp as RsvpValue } from '../gql/graphql';
import { useT } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { ErrorList } from '../ui/ui';

const RespondToInvitation = graphql(`
  mutation RespondToInvitation($meetingId: ID!, $rsvp: Rsvp!) {
    respondToInvitation(meetingId: $meetingId, rsvp: $rsvp) {
      rsvp
      person {
        id
      }
    }
  }
`);

const CHOICES: RsvpValue[] = ['ACCEPTED', 'TENTATIVE', 'DECLINED'];

/** The signed-in person's answer to a meeting invitation (radio buttons: one choice, keyboard with arrows). */
export function Rsvp({ meetingId, current, title }: { meetingId: string; current: string; title: string }) {
  const t = useT();
  const [result, respond] = useMutation(RespondToInvitation);
  const value = result.data?.respondToInvitation.rsvp ?? (current === 'INVITED' ? null : current);
  return (
    <div>
      <RadioGroup
        className="rsvp"
        orientation="horizontal"
        value={value}
        isDisabled={result.fetching}
        onChange={(rsvp) => void respond({ meetingId, rsvp: rsvp as RsvpValue })}
      >
        <Label>{t('rsvp.label', { title })}</Label>
        <div className="rsvp-choices">
          {CHOICES.map((c) => (
            <Radio key={c} value={c}>
              {enumLabel(t, 'rsvp', c)}
            </Radio>
          ))}
        </div>
      </RadioGroup>
      {result.data && (
        <p role="status" className="ok">
          {t('rsvp.saved', { answer: enumLabel(t, 'rsvp', result.data.respondToInvitation.rsvp) })}
        </p>
      )}
      <ErrorList errors={apiErrors(result.error)} />
    </div>
  );
}
