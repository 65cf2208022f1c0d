import { useState } from 'react';
import { SearchField, Input, Label } from 'react-aria-components';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { BodyKind, GovernanceLevel } from '../gql/graphql';
import { useT } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { useDebounced } from '../ui/useDebounced';
import { ErrorList, Loading, PageTitle, SelectField } from '../ui/ui';

const DirectoryQuery = graphql(`
  query Directory($filter: CoordinationBodyFilter, $first: Int) {
    coordinationBodies(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          id
          name
          acronym
          kind
          level
          status
          subdivisionCode
          parent {
            id
            name
          }
        }
      }
    }
  }
`);

const CountiesQuery = graphql(`
  query DirectoryCounties {
    coordinationBodies(first: 100, filter: { level: SUBNATIONAL }) {
      edges {
        node {
          id
          subdivisionCode
        }
      }
    }
  }
`);

const LEVELS: GovernanceLevel[] = ['GLOBAL', 'REGIONAL', 'NATIONAL', 'SUBNATIONAL', 'LOCAL'];
const KINDS: BodyKind[] = [
  'NATIONAL_COORDINATION_MECHANISM',
  'COUNTY_OUTREACH_PROGRAMME',
  'TECHNICAL_WORKING_GROUP',
  'INTER_MINISTERIAL_COMMITTEE',
  'TASK_FORCE',
  'JOINT_COMMITTEE',
  'COUNCIL',
  'CONSULTATIVE_PROCESS',
  'LOCAL_COORDINATION_FORUM',
  'OTHER',
];

/** The directory of public bodies (and, signed in, the private ones the user sits on). */
export function Directory() {
  const t = useT();
  const [search, setSearch] = useState('');
  const [level, setLevel] = useState('');
  const [kind, setKind] = useState('');
  const [county, setCounty] = useState('');
  const typed = useDebounced(search.trim());
  const filter = {
    ...(typed ? { search: typed } : {}),
    ...(level ? { level: level as GovernanceLevel } : {}),
    ...(kind ? { kind: kind as BodyKind } : {}),
    ...(county ? { subdivisionCode: county } : {}),
  };
  const [{ data, fetching, error }] = useQuery({ query: DirectoryQuery, variables: { filter, first: 100 } });
  const [counties] = useQuery({ query: CountiesQuery });
  const countyCodes = [
    ...new Set(
      (counties.data?.coordinationBodies.edges ?? []).map((e) => e.node.subdivisionCode).filter(Boolean) as string[],
    ),
  ].sort();

  return (
    <section>
      <PageTitle title={t('directory.title')}>{t('directory.title')}</PageTitle>
      <p className="lead">{t('directory.intro')}</p>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SearchField value={search} onChange={setSearch} className="field">
          <Label>{t('directory.search')}</Label>
          <Input />
        </SearchField>
        <SelectField label={t('directory.level')} value={level} onChange={setLevel}>
          <option value="">{t('common.all')}</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {enumLabel(t, 'level', l)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('directory.kind')} value={kind} onChange={setKind}>
          <option value="">{t('common.all')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {enumLabel(t, 'kind', k)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('directory.county')} value={county} onChange={setCounty}>
          <option value="">{t('common.all')}</option>
          {countyCodes.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
      </form>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !data ? (
        <Loading />
      ) : (
        <>
          <p role="status" className="muted">
            {t('directory.count', { count: data?.coordinationBodies.totalCount ?? 0 })}
          </p>
          <ul className="cards">
            {data?.coordinationBodies.edges.map(({ node }) => (
              <li key={node.id} className="card">
                <h2>
                  <Link to={`/bodies/${node.id}`}>{node.name}</Link>
                </h2>
                <p className="muted">
                  {enumLabel(t, 'kind', node.kind)} · {enumLabel(t, 'level', node.level)}
                  {node.subdivisionCode ? ` · ${node.subdivisionCode}` : ''}
                </p>
                {node.parent && <p className="muted">{t('body.partOf', { name: node.parent.name })}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
