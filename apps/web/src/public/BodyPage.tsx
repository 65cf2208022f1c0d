import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { formatDate, formatDateTime, useI18n } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { ErrorList, Loading, PageTitle } from '../ui/ui';
import { CommitmentList } from './CommitmentList';

const BodyQuery = graphql(`
  query BodyPage($id: ID!, $from: DateTime!) {
    coordinationBody(id: $id) {
      id
      name
      acronym
      description
      kind
      level
      status
      countryCode
      subdivisionCode
      establishedOn
      timezone
      leadOrganization {
        id
        name
      }
      secretariatOrganization {
        id
        name
      }
      parent {
        id
        name
      }
      children {
        id
        name
        kind
      }
      memberships {
        id
        role
        person {
          id
          fullName
        }
        organization {
          id
          name
        }
      }
      currentTermsOfReference {
        id
        version
        adoptedOn
        mandate
        objectives
        functions
        meetingFrequency
        decisionRule
        quorumFraction
      }
      meetings(from: $from, first: 5) {
        edges {
          node {
            id
            title
            startsAt
            timezone
            status
            location
          }
        }
      }
      actionItems(filter: { isCommitment: true }, first: 50) {
        totalCount
        edges {
          node {
            id
            title
            status
            isOverdue
            dueOn
            progressPercent
            ownerOrganization {
              id
              name
            }
          }
        }
      }
    }
  }
`);

/** A body's public page: profile, place in the hierarchy, members, adopted ToR, upcoming meetings, commitments. */
export function BodyPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const [from] = useState(() => new Date().toISOString());
  const [{ data, fetching, error }] = useQuery({ query: BodyQuery, variables: { id, from } });
  if (fetching && !data) return <Loading />;
  const body = data?.coordinationBody;
  if (!body) {
    return (
      <section>
        <ErrorList errors={apiErrors(error)} />
        <PageTitle title={t('body.notFound')}>{t('body.notFound')}</PageTitle>
        <p>{t('body.notFoundText')}</p>
      </section>
    );
  }
  const tor = body.currentTermsOfReference;
  const commitments = body.actionItems.edges.map((e) => e.node);
  return (
    <article>
      <nav aria-label={t('body.breadcrumb')} className="breadcrumb">
        <Link to="/">{t('nav.directory')}</Link>
        {body.parent && (
          <>
            {' / '}
            <Link to={`/bodies/${body.parent.id}`}>{body.parent.name}</Link>
          </>
        )}
      </nav>
      <PageTitle title={body.name}>{body.name}</PageTitle>
      <p className="muted">
        {[
          body.acronym,
          enumLabel(t, 'kind', body.kind),
          enumLabel(t, 'level', body.level),
          body.subdivisionCode,
          enumLabel(t, 'bodyStatus', body.status),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {body.description && <p className="lead">{body.description}</p>}

      <div className="grid">
        <section aria-labelledby="profile">
          <h2 id="profile">{t('body.profile')}</h2>
          <dl className="facts">
            {body.leadOrganization && (
              <>
                <dt>{t('body.lead')}</dt>
                <dd>{body.leadOrganization.name}</dd>
              </>
            )}
            {body.secretariatOrganization && (
              <>
                <dt>{t('body.secretariat')}</dt>
                <dd>{body.secretariatOrganization.name}</dd>
              </>
            )}
            {body.establishedOn && (
              <>
                <dt>{t('body.established')}</dt>
                <dd>{formatDate(locale, body.establishedOn)}</dd>
              </>
            )}
            <dt>{t('body.timezone')}</dt>
            <dd>{body.timezone}</dd>
          </dl>
          {body.children.length > 0 && (
            <>
              <h3>{t('body.subBodies')}</h3>
              <ul>
                {body.children.map((c) => (
                  <li key={c.id}>
                    <Link to={`/bodies/${c.id}`}>{c.name}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>

        <section aria-labelledby="meetings">
          <h2 id="meetings">{t('body.upcomingMeetings')}</h2>
          {body.meetings.edges.length === 0 ? (
            <p className="muted">{t('body.noMeetings')}</p>
          ) : (
            <ul>
              {body.meetings.edges.map(({ node: m }) => (
                <li key={m.id}>
                  <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                  <br />
                  <span className="muted">
                    {formatDateTime(locale, m.startsAt, m.timezone)}
                    {m.location ? ` · ${m.location}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="commitments">
        <h2 id="commitments">{t('body.commitments', { count: body.actionItems.totalCount })}</h2>
        <CommitmentList items={commitments} />
        <p>
          <a href={`/exports/bodies/${body.id}/action-items.csv?includeSubBodies=true`} download>
            {t('body.downloadCsv')}
          </a>
        </p>
      </section>

      <section aria-labelledby="members">
        <h2 id="members">{t('body.members', { count: body.memberships.length })}</h2>
        <table className="table">
          <caption className="visually-hidden">{t('body.members', { count: body.memberships.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('body.memberName')}</th>
              <th scope="col">{t('body.memberOrganization')}</th>
              <th scope="col">{t('body.memberRole')}</th>
            </tr>
          </thead>
          <tbody>
            {body.memberships.map((m) => (
              <tr key={m.id}>
                <td>{m.person.fullName}</td>
                <td>{m.organization.name}</td>
                <td>{enumLabel(t, 'role', m.role)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="tor">
        <h2 id="tor">{t('body.tor')}</h2>
        {tor ? (
          <>
            <p className="muted">
              {t('body.torVersion', {
                version: tor.version,
                date: tor.adoptedOn ? formatDate(locale, tor.adoptedOn) : '',
              })}
            </p>
            <h3>{t('body.mandate')}</h3>
            <p>{tor.mandate}</p>
            {tor.objectives.length > 0 && (
              <>
                <h3>{t('body.objectives')}</h3>
                <ul>
                  {tor.objectives.map((o, i) => (
                    <li key={i}>{o}</li>
                  ))}
                </ul>
              </>
            )}
            {tor.functions.length > 0 && (
              <>
                <h3>{t('body.functions')}</h3>
                <ul>
                  {tor.functions.map((f, i) => (
                    <li key={i}>{f}</li>
                  ))}
                </ul>
              </>
            )}
            <p className="muted">
              {t('body.torRules', {
                frequency: enumLabel(t, 'frequency', tor.meetingFrequency),
                rule: enumLabel(t, 'decisionRule', tor.decisionRule),
                quorum: Math.round(tor.quorumFraction * 100),
              })}
            </p>
          </>
        ) : (
          <p className="muted">{t('body.noTor')}</p>
        )}
      </section>
    </article>
  );
}
