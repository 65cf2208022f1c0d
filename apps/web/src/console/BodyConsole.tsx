import { FormEvent, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { MeetingKind } from '../gql/graphql';
import { formatDateTime, useI18n } from '../i18n/i18n';
import { ApiError, apiErrors, fieldError, formErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { Button, ErrorList, Field, Loading, PageTitle, SelectField, StatusBadge } from '../ui/ui';
import { useAccess } from './access';
import { AddMember } from './AddMember';
import { Composition } from './Composition';
import { SubBodyForm } from './SubBodyForm';
import { isoToLocal, localToIso } from './view';

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

const EndMembership = graphql(`
  mutation ConsoleEndMembership($id: ID!, $endsOn: Date!) {
    endMembership(id: $id, endsOn: $endsOn) {
      id
      active
      endsOn
    }
  }
`);

const ScheduleMeeting = graphql(`
  mutation ConsoleScheduleMeeting($input: MeetingInput!) {
    scheduleMeeting(input: $input) {
      id
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
function InviteButton({ member }: { member: Member }) {
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

type Member = {
  id: string;
  role: string;
  votingRights: boolean;
  person: { id: string; fullName: string; email?: string | null };
  organization: { id: string; name: string; sector: string };
};

function EndMembershipButton({ member, onEnded }: { member: Member; onEnded: () => void }) {
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

const KINDS: MeetingKind[] = ['ORDINARY', 'EXTRAORDINARY', 'CONSULTATION', 'WORKSHOP', 'OUTREACH'];
const MEETING_FIELDS = ['title', 'kind', 'startsAt', 'endsAt', 'timezone', 'location', 'onlineUrl'] as const;

/** Schedules a one-off meeting of the body, inviting its members; then opens its console page. */
export function ScheduleMeetingForm({ bodyId, timezone }: { bodyId: string; timezone: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<MeetingKind>('ORDINARY');
  const [startsAt, setStartsAt] = useState(
    () => isoToLocal(new Date(Date.now() + 7 * 86400000)).slice(0, 11) + '09:00',
  );
  const [endsAt, setEndsAt] = useState(() => isoToLocal(new Date(Date.now() + 7 * 86400000)).slice(0, 11) + '12:00');
  const [tz, setTz] = useState(timezone);
  const [location, setLocation] = useState('');
  const [onlineUrl, setOnlineUrl] = useState('');
  const [localErrors, setLocalErrors] = useState<ApiError[]>([]);
  const [result, schedule] = useMutation(ScheduleMeeting);
  const errors = [...localErrors, ...apiErrors(result.error)];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: ApiError[] = [];
    if (!title.trim()) problems.push({ field: 'title', message: t('meeting.titleRequired') });
    const s = localToIso(startsAt);
    const end = localToIso(endsAt);
    if (!s) problems.push({ field: 'startsAt', message: t('meeting.dateRequired') });
    if (!end) problems.push({ field: 'endsAt', message: t('meeting.dateRequired') });
    else if (s && end <= s) problems.push({ field: 'endsAt', message: t('meeting.endAfterStart') });
    setLocalErrors(problems);
    if (problems.length) return;
    const res = await schedule(
      {
        input: {
          bodyId,
          title: title.trim(),
          kind,
          startsAt: s,
          endsAt: end,
          timezone: tz.trim(),
          location: location.trim() || null,
          onlineUrl: onlineUrl.trim() || null,
        },
      },
      { additionalTypenames: ['Meeting'] },
    );
    if (res.data) navigate(`/console/meetings/${res.data.scheduleMeeting.id}`);
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('meeting.scheduleTitle')}>
      <ErrorList errors={formErrors(errors, MEETING_FIELDS)} />
      <Field
        label={t('meeting.title')}
        value={title}
        onChange={setTitle}
        error={fieldError(errors, 'title')}
        isRequired
      />
      <div className="row">
        <SelectField label={t('meeting.kind')} value={kind} onChange={(v) => setKind(v as MeetingKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {enumLabel(t, 'meetingKind', k)}
            </option>
          ))}
        </SelectField>
        <Field label={t('meeting.timezone')} value={tz} onChange={setTz} error={fieldError(errors, 'timezone')} />
      </div>
      <div className="row">
        <Field
          label={t('meeting.startsAt')}
          type="datetime-local"
          value={startsAt}
          onChange={setStartsAt}
          error={fieldError(errors, 'startsAt')}
          isRequired
        />
        <Field
          label={t('meeting.endsAt')}
          type="datetime-local"
          value={endsAt}
          onChange={setEndsAt}
          error={fieldError(errors, 'endsAt')}
          isRequired
        />
      </div>
      <div className="row">
        <Field
          label={t('meeting.location')}
          value={location}
          onChange={setLocation}
          error={fieldError(errors, 'location')}
        />
        <Field
          label={t('meeting.onlineUrl')}
          type="url"
          value={onlineUrl}
          onChange={setOnlineUrl}
          error={fieldError(errors, 'onlineUrl')}
        />
      </div>
      <p className="muted">{t('meeting.invitesMembers')}</p>
      <Button type="submit" isDisabled={result.fetching}>
        {t('meeting.schedule')}
      </Button>
    </form>
  );
}

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
