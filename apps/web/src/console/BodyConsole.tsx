import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { formatDateTime, useI18n } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { Button, ErrorList, Loading, PageTitle, StatusBadge } from '../ui/ui';
import { useAccess } from './access';
import { AddMember } from './AddMember';
import { EndMembershipButton, InviteButton, Member } from './bodies/Members';
import { ScheduleMeetingForm } from './bodies/ScheduleMeetingForm';
import { Composition } from './Composition';
import { SubBodyForm } from './SubBodyForm';

const BodyConsoleQuery = graphql(`
  query BodyConsole($id: ID!, $from: DateTime!) {
    coordinationBody(id: $id) {
      id
      name
      timezone
      countryCode
      parent {
        id
        name
      }
      children {
        id
        name
      }
      composition {
        activeMembers
        votingMembers
        governmentShare
        nonGovernmentShare
        bySector {
          sector
          members
        }
        unfilledSeats {
          sector
          minSeats
        }
      }
      currentTermsOfReference {
        id
        version
        quorumFraction
        requiredSeats {
          sector
          minSeats
        }
      }
      memberships {
        id
        role
        votingRights
        startsOn
        person {
          id
          fullName
          email
        }
        organization {
          id
          name
          sector
        }
      }
      meetings(from: $from, first: 20) {
        edges {
          node {
            id
            title
            startsAt
            timezone
            status
            quorumAtRisk
          }
        }
      }
    }
  }
`);

/** A body's console page: composition check, members by sector, meetings. */
export default function BodyConsole() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const access = useAccess();
  const [from] = useState(() => new Date(Date.now() - 90 * 86400000).toISOString());
  const [{ data: fresh, fetching, error }, refetch] = useQuery({ query: BodyConsoleQuery, variables: { id, from } });
  // Kept while the document cache fetches it again after a mutation: forms below keep their state and messages.
  const last = useRef(fresh);
  if (fresh) last.current = fresh;
  const data = fresh ?? (last.current?.coordinationBody?.id === id ? last.current : undefined);
  const [adding, setAdding] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const [creatingSub, setCreatingSub] = useState(false);
  if (fetching && !data) return <Loading />;
  const body = data?.coordinationBody;
  if (!body || !access.canManage(id)) {
    return (
      <section>
        <ErrorList errors={apiErrors(error)} />
        <PageTitle title={t('console.notManaged')}>{t('console.notManaged')}</PageTitle>
      </section>
    );
  }
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const bySector = new Map<string, Member[]>();
  for (const m of body.memberships) {
    const list = bySector.get(m.organization.sector) ?? [];
    list.push(m);
    bySector.set(m.organization.sector, list);
  }
  const meetings = body.meetings.edges.map((e) => e.node);
  return (
    <article>
      <nav aria-label={t('body.breadcrumb')} className="breadcrumb">
        <Link to="/console">{t('console.bodies')}</Link>
        {body.parent && (
          <>
            {' / '}
            <Link to={`/console/bodies/${body.parent.id}`}>{body.parent.name}</Link>
          </>
        )}
      </nav>
      <PageTitle title={t('console.bodyTitle', { name: body.name })}>{body.name}</PageTitle>
      <p className="toolbar">
        <Link to={`/bodies/${body.id}`}>{t('console.publicPage')}</Link>
        <Link to={`/console/actions?body=${body.id}`}>{t('console.bodyActions')}</Link>
        <Link to={`/console/reports?body=${body.id}`}>{t('console.bodyReports')}</Link>
        {access.isAdmin && <Link to={`/console/audit/CoordinationBody/${body.id}`}>{t('audit.link')}</Link>}
      </p>

      <Composition composition={body.composition} requiredSeats={body.currentTermsOfReference?.requiredSeats ?? []} />

      <section aria-labelledby="members">
        <h2 id="members">{t('member.title', { count: body.memberships.length })}</h2>
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
        {[...bySector.entries()].map(([sector, members]) => (
          <section key={sector} aria-labelledby={`sector-${sector}`}>
            <h3 id={`sector-${sector}`}>
              {enumLabel(t, 'sector', sector)} ({members.length})
            </h3>
            <ul className="plain members">
              {members.map((m) => (
                <li key={m.id} className="item">
                  <span>
                    <strong>{m.person.fullName}</strong>, {m.organization.name} · {enumLabel(t, 'role', m.role)}
                    {!m.votingRights && ` · ${t('member.nonVoting')}`}
                    {m.person.email && <span className="muted"> · {m.person.email}</span>}
                  </span>
                  <span className="toolbar">
                    {m.person.email && <InviteButton member={m} />}
                    <EndMembershipButton member={m} onEnded={reload} />
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>

      <section aria-labelledby="meetings">
        <h2 id="meetings">{t('meeting.listTitle')}</h2>
        {scheduling ? (
          <ScheduleMeetingForm bodyId={body.id} timezone={body.timezone} />
        ) : (
          <Button onPress={() => setScheduling(true)}>{t('meeting.scheduleTitle')}</Button>
        )}
        {meetings.length === 0 && <p className="muted">{t('meeting.none')}</p>}
        <ul className="plain">
          {meetings.map((m) => (
            <li key={m.id} className="item">
              <Link to={`/console/meetings/${m.id}`}>{m.title}</Link>{' '}
              <span className="muted">{formatDateTime(locale, m.startsAt, m.timezone)}</span>{' '}
              <StatusBadge tone={m.status === 'CANCELLED' ? 'bad' : 'neutral'}>
                {enumLabel(t, 'meetingStatus', m.status)}
              </StatusBadge>{' '}
              {m.quorumAtRisk && <StatusBadge tone="bad">{t('quorum.atRisk')}</StatusBadge>}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="subbodies">
        <h2 id="subbodies">{t('console.subBodies')}</h2>
        <ul>
          {body.children.map((c) => (
            <li key={c.id}>
              <Link to={`/console/bodies/${c.id}`}>{c.name}</Link>
            </li>
          ))}
        </ul>
        {creatingSub ? (
          <SubBodyForm parent={body} />
        ) : (
          <Button variant="secondary" onPress={() => setCreatingSub(true)}>
            {t('subBody.create')}
          </Button>
        )}
      </section>
    </article>
  );
}
