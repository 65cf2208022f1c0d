import { FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { BodyKind, GovernanceLevel } from '../gql/graphql';
import { useT } from '../i18n/i18n';
import { ApiError, apiErrors, fieldError, formErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { Button, ErrorList, Field, SelectField } from '../ui/ui';

const CreateBody = graphql(`
  mutation ConsoleCreateBody($input: CoordinationBodyInput!) {
    createCoordinationBody(input: $input) {
      id
      name
    }
  }
`);

const KINDS: BodyKind[] = [
  'TECHNICAL_WORKING_GROUP',
  'COUNTY_OUTREACH_PROGRAMME',
  'TASK_FORCE',
  'LOCAL_COORDINATION_FORUM',
  'JOINT_COMMITTEE',
  'CONSULTATIVE_PROCESS',
  'OTHER',
];
const LEVELS: GovernanceLevel[] = ['NATIONAL', 'SUBNATIONAL', 'LOCAL'];
const FIELDS = ['name', 'acronym', 'kind', 'level', 'subdivisionCode', 'timezone'] as const;

/** Creates a body beneath this one (private until made public), then opens its console page. */
export function SubBodyForm({ parent }: { parent: { id: string; timezone: string; countryCode?: string | null } }) {
  const t = useT();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [acronym, setAcronym] = useState('');
  const [kind, setKind] = useState<BodyKind>('TECHNICAL_WORKING_GROUP');
  const [level, setLevel] = useState<GovernanceLevel>('NATIONAL');
  const [subdivisionCode, setSubdivisionCode] = useState('');
  const [localErrors, setLocalErrors] = useState<ApiError[]>([]);
  const [result, create] = useMutation(CreateBody);
  const errors = [...localErrors, ...apiErrors(result.error)];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: ApiError[] = [];
    if (!name.trim()) problems.push({ field: 'name', message: t('subBody.nameRequired') });
    setLocalErrors(problems);
    if (problems.length) return;
    const res = await create(
      {
        input: {
          parentId: parent.id,
          name: name.trim(),
          acronym: acronym.trim() || null,
          kind,
          level,
          subdivisionCode: subdivisionCode.trim() || null,
          countryCode: parent.countryCode ?? null,
          timezone: parent.timezone,
        },
      },
      { additionalTypenames: ['CoordinationBody'] },
    );
    if (res.data) navigate(`/console/bodies/${res.data.createCoordinationBody.id}`);
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('subBody.create')}>
      <ErrorList errors={formErrors(errors, FIELDS)} />
      <div className="row">
        <Field
          label={t('subBody.name')}
          value={name}
          onChange={setName}
          error={fieldError(errors, 'name')}
          isRequired
        />
        <Field
          label={t('subBody.acronym')}
          value={acronym}
          onChange={setAcronym}
          error={fieldError(errors, 'acronym')}
        />
      </div>
      <div className="row">
        <SelectField label={t('subBody.kind')} value={kind} onChange={(v) => setKind(v as BodyKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {enumLabel(t, 'kind', k)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('subBody.level')} value={level} onChange={(v) => setLevel(v as GovernanceLevel)}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {enumLabel(t, 'level', l)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('subBody.county')}
          value={subdivisionCode}
          onChange={setSubdivisionCode}
          description={t('subBody.countyHint')}
          error={fieldError(errors, 'subdivisionCode')}
        />
      </div>
      <p className="muted">{t('subBody.private')}</p>
      <Button type="submit" isDisabled={result.fetching}>
        {t('subBody.submit')}
      </Button>
    </form>
  );
}
