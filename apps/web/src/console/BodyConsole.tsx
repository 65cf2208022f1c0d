import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useI18n } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { Button, ErrorList, Loading, PageTitle } from '../ui/ui';
import { useAccess } from './access';
import { BodyEditForm } from './bodies/BodyEditForm';
import { BodyMeetings } from './bodies/BodyMeetings';
import { MembersSection } from './bodies/Members';
import { ReminderPolicyForm } from './bodies/ReminderPolicyForm';
import { TermsOfReferencePanel } from './bodies/TermsOfReference';
import { Composition } from './Composition';
import { SubBodyForm } from './SubBodyForm';

const BodyConsoleQuery = graphql(`
  query BodyConsole($id: ID!, $from: DateTime!) {
    coordinationBody(id: $id) {
      id
      name
      acronym
      description
      status
      isPublic
      establishedOn
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
      termsOfReferenceHistory {
        id
        version
        status
        adoptedOn
        mandate
        objectives
        functions
        quorumFraction
        decisionRule
        meetingFrequency
        resources
        reviewDueOn
        requiredSeats {
          sector
          minSeats
        }
        reportsTo {
          id
        }
      }
      reminderPolicy {
        meetingReminders
        actionDueReminders
        overdueEscalationAfter
        minutesFollowUpAfter
      }
      meetingSeries {
        id
        title
        until
      }
      memberships {
        id
        role
        votingRights
        startsOn
        alternateFor {
          id
          person {
            id
            fullName
          }
        }
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

/** A body's console page: profile, composition check, members by sector, terms of reference, meetings, reminders. */
export default function BodyConsole() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const access = useAccess();
  const [from] = useState(() => new Date(Date.now() - 90 * 86400000).toISOString());
  const [{ data: fresh, fetching, error }, refetch] = useQuery({ query: BodyConsoleQuery, variables: { id, from } });
  // Kept while the document cache fetches it again after a mutation: forms below keep their state and messages.
  const last = useRef(fresh);
  if (fresh) last.current = fresh;
  const data = fresh ?? (last.current?.coordinationBody?.id === id ? last.current : undefined);
  const [editing, setEditing] = useState(false);
  const [policyOpen, setPolicyOpen] = useState(false);
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
        <Button variant="secondary" aria-expanded={editing} onPress={() => setEditing(!editing)}>
          {t('bodyEdit.title')}
        </Button>
      </p>
      {editing && <BodyEditForm key={body.id} body={body} onDone={reload} />}

      <Composition composition={body.composition} requiredSeats={body.currentTermsOfReference?.requiredSeats ?? []} />

      <MembersSection body={body} members={body.memberships} reload={reload} />

      <TermsOfReferencePanel
        bodyId={body.id}
        history={body.termsOfReferenceHistory}
        meetings={meetings}
        reload={reload}
      />

      <BodyMeetings body={body} meetings={meetings} series={body.meetingSeries} reload={reload} />

      <section aria-labelledby="reminders">
        <h2 id="reminders">{t('policy.title')}</h2>
        {policyOpen ? (
          <ReminderPolicyForm bodyId={body.id} policy={body.reminderPolicy} />
        ) : (
          <Button variant="secondary" onPress={() => setPolicyOpen(true)}>
            {t('policy.edit')}
          </Button>
        )}
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
