import { FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { MemberRole, StakeholderSector } from '../gql/graphql';
import { useT } from '../i18n/i18n';
import { ApiError, apiErrors, fieldError, formErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { useDebounced } from '../ui/useDebounced';
import { Button, ErrorList, Field, SelectField } from '../ui/ui';

export const FindPeople = graphql(`
  query FindPeople($search: String!) {
    people(search: $search, first: 8) {
      edges {
        node {
          id
          fullName
          organization {
            id
            name
          }
        }
      }
    }
  }
`);

const FindOrganizations = graphql(`
  query FindOrganizations($search: String!) {
    organizations(search: $search, first: 8) {
      edges {
        node {
          id
          name
          sector
        }
      }
    }
  }
`);

const CreateOrganization = graphql(`
  mutation ConsoleCreateOrganization($input: OrganizationInput!) {
    createOrganization(input: $input) {
      id
      name
      sector
    }
  }
`);

const CreatePerson = graphql(`
  mutation ConsoleCreatePerson($input: PersonInput!) {
    createPerson(input: $input) {
      id
      fullName
    }
  }
`);

const AddMemberMutation = graphql(`
  mutation ConsoleAddMember($input: MembershipInput!) {
    addMember(input: $input) {
      id
      role
      body {
        id
        composition {
          activeMembers
        }
      }
    }
  }
`);

export const ROLES: MemberRole[] = [
  'MEMBER',
  'CHAIR',
  'CO_CHAIR',
  'VICE_CHAIR',
  'SECRETARIAT',
  'FOCAL_POINT',
  'ALTERNATE',
  'OBSERVER',
  'STANDING_INVITEE',
];
export const SECTORS: StakeholderSector[] = [
  'NATIONAL_GOVERNMENT',
  'SUBNATIONAL_GOVERNMENT',
  'LOCAL_GOVERNMENT',
  'PARLIAMENT',
  'CIVIL_SOCIETY',
  'MIGRANT_ASSOCIATION',
  'DIASPORA_ORGANIZATION',
  'FAITH_BASED_ORGANIZATION',
  'PRIVATE_SECTOR',
  'EMPLOYERS_ORGANIZATION',
  'TRADE_UNION',
  'ACADEMIA',
  'MEDIA',
  'NATIONAL_HUMAN_RIGHTS_INSTITUTION',
  'INTERNATIONAL_ORGANIZATION',
  'REGIONAL_ORGANIZATION',
  'OTHER',
];

const FIELDS = ['personId', 'organizationId', 'fullName', 'email', 'name', 'sector', 'role', 'startsOn'] as const;
const today = () => new Date().toISOString().slice(0, 10);

/** What the form checks before asking the API (the API checks the same and more). */
export function checkMemberForm(
  v: {
    personMode: 'find' | 'new';
    personId: string;
    fullName: string;
    email: string;
    orgMode: 'find' | 'new';
    organizationId: string;
    orgName: string;
    startsOn: string;
  },
  t: (k: never) => string,
): ApiError[] {
  const tt = t as (k: string) => string;
  const errors: ApiError[] = [];
  if (v.personMode === 'find' && !v.personId) errors.push({ field: 'personId', message: tt('member.pickPerson') });
  if (v.personMode === 'new' && !v.fullName.trim())
    errors.push({ field: 'fullName', message: tt('member.nameRequired') });
  if (v.personMode === 'new' && v.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.email.trim())) {
    errors.push({ field: 'email', message: tt('member.emailInvalid') });
  }
  if (v.orgMode === 'find' && !v.organizationId) {
    errors.push({ field: 'organizationId', message: tt('member.pickOrganization') });
  }
  if (v.orgMode === 'new' && !v.orgName.trim()) errors.push({ field: 'name', message: tt('member.orgNameRequired') });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.startsOn)) errors.push({ field: 'startsOn', message: tt('member.dateRequired') });
  return errors;
}

/**
 * Adds a member: find the person and the organization they represent, or register either without leaving the
 * form. Each step's error shows next to its field; what was typed stays until the member is added.
 */
export function AddMember({
  bodyId,
  countryCode,
  onAdded,
}: {
  bodyId: string;
  /** The body's country: a newly registered organization is placed there. */
  countryCode?: string | null;
  onAdded: () => void;
}) {
  const t = useT();
  const [personMode, setPersonMode] = useState<'find' | 'new'>('find');
  const [personSearch, setPersonSearch] = useState('');
  const [personId, setPersonId] = useState('');
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [orgMode, setOrgMode] = useState<'find' | 'new'>('find');
  const [orgSearch, setOrgSearch] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [orgName, setOrgName] = useState('');
  const [sector, setSector] = useState<StakeholderSector>('CIVIL_SOCIETY');
  const [role, setRole] = useState<MemberRole>('MEMBER');
  const [voting, setVoting] = useState(true);
  const [startsOn, setStartsOn] = useState(today);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const personQ = useDebounced(personSearch.trim());
  const orgQ = useDebounced(orgSearch.trim());
  const [people] = useQuery({ query: FindPeople, variables: { search: personQ }, pause: personQ.length < 2 });
  const [orgs] = useQuery({ query: FindOrganizations, variables: { search: orgQ }, pause: orgQ.length < 2 });
  const [, createOrganization] = useMutation(CreateOrganization);
  const [, createPerson] = useMutation(CreatePerson);
  const [, addMember] = useMutation(AddMemberMutation);
  // Ids created in an earlier attempt whose later step failed: reused, never registered twice.
  const [createdOrg, setCreatedOrg] = useState('');
  const [createdPerson, setCreatedPerson] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone('');
    const local = checkMemberForm(
      { personMode, personId, fullName, email, orgMode, organizationId, orgName, startsOn },
      t as never,
    );
    setErrors(local);
    if (local.length) return;
    setBusy(true);
    try {
      let orgId = orgMode === 'find' ? organizationId : createdOrg;
      if (!orgId) {
        const res = await createOrganization({
          input: { name: orgName.trim(), sector, level: 'NATIONAL', countryCode: countryCode ?? null },
        });
        if (res.error || !res.data) return setErrors(apiErrors(res.error));
        orgId = res.data.createOrganization.id;
        setCreatedOrg(orgId);
      }
      let pid = personMode === 'find' ? personId : createdPerson;
      if (!pid) {
        const res = await createPerson({
          input: { fullName: fullName.trim(), email: email.trim() || null, organizationId: orgId },
        });
        if (res.error || !res.data) return setErrors(apiErrors(res.error));
        pid = res.data.createPerson.id;
        setCreatedPerson(pid);
      }
      const res = await addMember(
        { input: { bodyId, personId: pid, organizationId: orgId, role, startsOn, votingRights: voting } },
        { additionalTypenames: ['Membership', 'CoordinationBody'] },
      );
      if (res.error) return setErrors(apiErrors(res.error));
      setDone(t('member.added'));
      setPersonSearch('');
      setPersonId('');
      setFullName('');
      setEmail('');
      setOrgSearch('');
      setOrganizationId('');
      setOrgName('');
      setCreatedOrg('');
      setCreatedPerson('');
      onAdded();
    } finally {
      setBusy(false);
    }
  }

  const personResults = people.data?.people.edges.map((e) => e.node) ?? [];
  const orgResults = orgs.data?.organizations.edges.map((e) => e.node) ?? [];
  return (
    <form className="form" onSubmit={submit} aria-label={t('member.formLabel')}>
      <ErrorList errors={formErrors(errors, FIELDS)} />
      <fieldset>
        <legend>{t('member.person')}</legend>
        <div className="toolbar">
          <label>
            <input
              type="radio"
              name="personMode"
              checked={personMode === 'find'}
              onChange={() => setPersonMode('find')}
            />{' '}
            {t('member.findPerson')}
          </label>
          <label>
            <input
              type="radio"
              name="personMode"
              checked={personMode === 'new'}
              onChange={() => setPersonMode('new')}
            />{' '}
            {t('member.newPerson')}
          </label>
        </div>
        {personMode === 'find' ? (
          <>
            <Field label={t('member.searchPerson')} type="search" value={personSearch} onChange={setPersonSearch} />
            <SelectField
              label={t('member.personResult')}
              value={personId}
              onChange={(id) => {
                setPersonId(id);
                const org = personResults.find((p) => p.id === id)?.organization;
                if (org && !organizationId) {
                  setOrganizationId(org.id);
                  setOrgSearch(org.name);
                }
              }}
              error={fieldError(errors, 'personId')}
            >
              <option value="">{t('member.choose', { count: personResults.length })}</option>
              {personResults.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.fullName}
                  {p.organization ? ` (${p.organization.name})` : ''}
                </option>
              ))}
            </SelectField>
          </>
        ) : (
          <div className="row">
            <Field
              label={t('member.fullName')}
              value={fullName}
              onChange={setFullName}
              error={fieldError(errors, 'fullName')}
              isRequired
            />
            <Field
              label={t('member.email')}
              type="email"
              value={email}
              onChange={setEmail}
              error={fieldError(errors, 'email')}
              description={t('member.emailHint')}
            />
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('member.organization')}</legend>
        <div className="toolbar">
          <label>
            <input type="radio" name="orgMode" checked={orgMode === 'find'} onChange={() => setOrgMode('find')} />{' '}
            {t('member.findOrganization')}
          </label>
          <label>
            <input type="radio" name="orgMode" checked={orgMode === 'new'} onChange={() => setOrgMode('new')} />{' '}
            {t('member.newOrganization')}
          </label>
        </div>
        {orgMode === 'find' ? (
          <>
            <Field label={t('member.searchOrganization')} type="search" value={orgSearch} onChange={setOrgSearch} />
            <SelectField
              label={t('member.organizationResult')}
              value={organizationId}
              onChange={setOrganizationId}
              error={fieldError(errors, 'organizationId')}
            >
              <option value="">{t('member.choose', { count: orgResults.length })}</option>
              {orgResults
                .concat(
                  organizationId && !orgResults.some((o) => o.id === organizationId)
                    ? [{ id: organizationId, name: orgSearch, sector: 'OTHER' as StakeholderSector }]
                    : [],
                )
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name} ({enumLabel(t, 'sector', o.sector)})
                  </option>
                ))}
            </SelectField>
          </>
        ) : (
          <div className="row">
            <Field
              label={t('member.orgName')}
              value={orgName}
              onChange={setOrgName}
              error={fieldError(errors, 'name')}
              isRequired
            />
            <SelectField
              label={t('member.sector')}
              value={sector}
              onChange={(v) => setSector(v as StakeholderSector)}
              error={fieldError(errors, 'sector')}
            >
              {SECTORS.map((s) => (
                <option key={s} value={s}>
                  {enumLabel(t, 'sector', s)}
                </option>
              ))}
            </SelectField>
          </div>
        )}
      </fieldset>
      <div className="row">
        <SelectField
          label={t('member.role')}
          value={role}
          onChange={(v) => setRole(v as MemberRole)}
          error={fieldError(errors, 'role')}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {enumLabel(t, 'role', r)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('member.startsOn')}
          type="date"
          value={startsOn}
          onChange={setStartsOn}
          error={fieldError(errors, 'startsOn')}
          isRequired
        />
      </div>
      <label className="check">
        <input type="checkbox" checked={voting} onChange={(e) => setVoting(e.target.checked)} /> {t('member.voting')}
      </label>
      <Button type="submit" isDisabled={busy}>
        {t('member.submit')}
      </Button>
      {done && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
    </form>
  );
}
