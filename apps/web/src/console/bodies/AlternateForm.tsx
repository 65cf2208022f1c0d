import { FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n/i18n';
import { ApiError, apiErrors, fieldError, formErrors } from '../../ui/errors';
import { useDebounced } from '../../ui/useDebounced';
import { Button, ErrorList, Field, SelectField } from '../../ui/ui';
import { FindPeople } from '../AddMember';
import type { Member } from './Members';

const NameAlternate = graphql(`
  mutation ConsoleNameAlternate($input: MembershipInput!) {
    addMember(input: $input) {
      id
      role
      alternateFor {
        id
      }
    }
  }
`);

const FIELDS = ['personId', 'startsOn', 'alternateForMembershipId', 'organizationId'] as const;

/**
 * Names an alternate for a principal's seat: a person of the same organization (the API requires it) who
 * holds the seat when the principal sends regrets or is absent.
 */
export function AlternateForm({
  principal,
  bodyId,
  onDone,
}: {
  principal: Member;
  bodyId: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [personId, setPersonId] = useState('');
  const [startsOn, setStartsOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [localErrors, setLocalErrors] = useState<ApiError[]>([]);
  const [done, setDone] = useState(false);
  const term = useDebounced(search.trim(), 250);
  const [people] = useQuery({ query: FindPeople, variables: { search: term }, pause: term.length < 2 });
  const [result, add] = useMutation(NameAlternate);
  const errors = [...localErrors, ...apiErrors(result.error)];
  const results = (people.data?.people.edges.map((e) => e.node) ?? []).filter((p) => p.id !== principal.person.id);
  const name = principal.person.fullName;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const problems: ApiError[] = [];
    if (!personId) problems.push({ field: 'personId', message: t('member.pickPerson') });
    if (!startsOn) problems.push({ field: 'startsOn', message: t('member.dateRequired') });
    setLocalErrors(problems);
    if (problems.length) return;
    const res = await add(
      {
        input: {
          bodyId,
          personId,
          organizationId: principal.organization.id,
          role: 'ALTERNATE',
          alternateForMembershipId: principal.id,
          startsOn,
          votingRights: principal.votingRights,
        },
      },
      { additionalTypenames: ['Membership'] },
    );
    if (!res.error) {
      setDone(true);
      setPersonId('');
      setSearch('');
      onDone();
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('alternate.formLabel', { name })}>
      <p className="muted">{t('alternate.help', { organization: principal.organization.name })}</p>
      <ErrorList errors={formErrors(errors, FIELDS)} />
      <Field label={t('member.searchPerson')} type="search" value={search} onChange={setSearch} />
      <SelectField
        label={t('member.personResult')}
        value={personId}
        onChange={setPersonId}
        error={fieldError(errors, 'personId') ?? fieldError(errors, 'alternateForMembershipId')}
      >
        <option value="">{t('member.choose', { count: term.length < 2 ? 0 : results.length })}</option>
        {results.map((p) => (
          <option key={p.id} value={p.id}>
            {p.fullName}
            {p.organization ? ` (${p.organization.name})` : ''}
          </option>
        ))}
      </SelectField>
      <Field
        label={t('member.startsOn')}
        type="date"
        value={startsOn}
        onChange={setStartsOn}
        error={fieldError(errors, 'startsOn')}
      />
      <Button type="submit" isDisabled={result.fetching}>
        {t('alternate.submit')}
      </Button>
      {done && (
        <p role="status" className="ok">
          {t('alternate.named', { name })}
        </p>
      )}
    </form>
  );
}
