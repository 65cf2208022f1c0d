import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n/i18n';
import { apiErrors, fieldError, formErrors } from '../../ui/errors';
import { Button, ErrorList, Field } from '../../ui/ui';

const EndMembership = graphql(`
  mutation ConsoleEndMembership($id: ID!, $endsOn: Date!) {
    endMembership(id: $id, endsOn: $endsOn) {
      id
      active
      endsOn
    }
  }
`);

const InviteUser = graphql(`
  mutation ConsoleInviteUser($personId: ID!) {
    inviteUser(personId: $personId) {
      id
      email
    }
  }
`);

/** Mails the member a one-time link to choose a password (the API refuses a person without an email). */
export function InviteButton({ member }: { member: Member }) {
  const { t } = useI18n();
  const [result, invite] = useMutation(InviteUser);
  const errors = apiErrors(result.error);
  if (result.data) {
    return (
      <span role="status" className="ok">
        {t('member.invited', { email: result.data.inviteUser.email })}
      </span>
    );
  }
  return (
    <span>
      <Button variant="secondary" isDisabled={result.fetching} onPress={() => invite({ personId: member.person.id })}>
        {t('member.invite', { name: member.person.fullName })}
      </Button>
      {errors.map((e, i) => (
        <span key={i} role="alert" className="field-error">
          {' '}
          {e.message}
        </span>
      ))}
    </span>
  );
}

export type Member = {
  id: string;
  role: string;
  votingRights: boolean;
  person: { id: string; fullName: string; email?: string | null };
  organization: { id: string; name: string; sector: string };
};

export function EndMembershipButton({ member, onEnded }: { member: Member; onEnded: () => void }) {
  const t = useI18n().t;
  const [open, setOpen] = useState(false);
  const [endsOn, setEndsOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [result, end] = useMutation(EndMembership);
  const errors = apiErrors(result.error);
  if (!open) {
    return (
      <Button variant="secondary" onPress={() => setOpen(true)}>
        {t('member.end', { name: member.person.fullName })}
      </Button>
    );
  }
  return (
    <form
      className="inline-form"
      aria-label={t('member.end', { name: member.person.fullName })}
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await end({ id: member.id, endsOn }, { additionalTypenames: ['Membership'] });
        if (!res.error) onEnded();
      }}
    >
      <Field
        label={t('member.endsOn')}
        type="date"
        value={endsOn}
        onChange={setEndsOn}
        error={fieldError(errors, 'endsOn')}
      />
      <ErrorList errors={formErrors(errors, ['endsOn'])} />
      <Button type="submit">{t('member.confirmEnd')}</Button>
      <Button variant="secondary" onPress={() => setOpen(false)}>
        {t('common.cancel')}
      </Button>
    </form>
  );
}
