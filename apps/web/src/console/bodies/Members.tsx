import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n/i18n';
import { apiErrors, fieldError, formErrors } from '../../ui/errors';
import { enumLabel } from '../../ui/labels';
import { Button, ErrorList, Field } from '../../ui/ui';
import { AddMember } from '../AddMember';
import { AlternateForm } from './AlternateForm';

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
  alternateFor?: { id: string; person: { id: string; fullName: string } } | null;
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

/** Members by sector; each line with its invitation, its end, and for a principal the naming of an alternate. */
export function MembersSection({
  body,
  members,
  reload,
}: {
  body: { id: string; countryCode?: string | null };
  members: Member[];
  reload: () => void;
}) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const [alternateFor, setAlternateFor] = useState('');
  const bySector = new Map<string, Member[]>();
  for (const m of members) bySector.set(m.organization.sector, [...(bySector.get(m.organization.sector) ?? []), m]);
  const alternatesOf = (id: string) => members.filter((m) => m.alternateFor?.id === id);
  return (
    <section aria-labelledby="members">
      <h2 id="members">{t('member.title', { count: members.length })}</h2>
      {adding ? (
        <>
          <AddMember bodyId={body.id} countryCode={body.countryCode} onAdded={reload} />
          <Button variant="secondary" onPress={() => setAdding(false)}>
            {t('common.close')}
          </Button>
        </>
      ) : (
        <Button onPress={() => setAdding(true)}>{t('member.add')}</Button>
      )}
      {[...bySector.entries()].map(([sector, list]) => (
        <section key={sector} aria-labelledby={`sector-${sector}`}>
          <h3 id={`sector-${sector}`}>
            {enumLabel(t, 'sector', sector)} ({list.length})
          </h3>
          <ul className="plain members">
            {list.map((m) => (
              <li key={m.id} className="item">
                <span>
                  <strong>{m.person.fullName}</strong>, {m.organization.name} · {enumLabel(t, 'role', m.role)}
                  {m.alternateFor && ` · ${t('alternate.for', { name: m.alternateFor.person.fullName })}`}
                  {!m.votingRights && ` · ${t('member.nonVoting')}`}
                  {m.person.email && <span className="muted"> · {m.person.email}</span>}
                  {alternatesOf(m.id).length > 0 && (
                    <span className="muted">
                      {' · '}
                      {t('alternate.list', {
                        names: alternatesOf(m.id)
                          .map((a) => a.person.fullName)
                          .join(', '),
                      })}
                    </span>
                  )}
                </span>
                <span className="toolbar">
                  {m.person.email && <InviteButton member={m} />}
                  {m.role !== 'ALTERNATE' && (
                    <Button
                      variant="secondary"
                      aria-expanded={alternateFor === m.id}
                      onPress={() => setAlternateFor(alternateFor === m.id ? '' : m.id)}
                    >
                      {t('alternate.formLabel', { name: m.person.fullName })}
                    </Button>
                  )}
                  <EndMembershipButton member={m} onEnded={reload} />
                </span>
                {alternateFor === m.id && <AlternateForm principal={m} bodyId={body.id} onDone={reload} />}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
