import { DragEvent, FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { AttendanceStatus, MeetingConsoleQuery } from '../gql/graphql';
import { formatDateTime, useI18n } from '../i18n/i18n';
import { ApiError, apiErrors, fieldError, formErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { Button, ErrorList, Field, Loading, PageTitle, SelectField, StatusBadge } from '../ui/ui';
import { useAccess } from './access';
import { moveItem } from './view';

const MeetingConsoleDoc = graphql(`
  query MeetingConsole($id: ID!) {
    meeting(id: $id) {
      id
      title
      kind
      status
      startsAt
      endsAt
      timezone
      location
      body {
        id
        name
      }
      agenda {
        id
        position
        title
        description
        durationMinutes
        presenter {
          id
          fullName
        }
      }
      participants {
        rsvp
        attendance
        voting
        isMember
        person {
          id
          fullName
        }
        organization {
          id
          name
          sector
        }
      }
      quorum {
        counted
        met
        required
        votingMembers
      }
      quorumAtRisk
      decisions {
        id
        text
        agendaItem {
          id
          title
        }
        actionItems {
          id
          title
          dueOn
        }
      }
      minutes {
        id
        status
        text
        circulatedAt
        adoptedAt
      }
    }
  }
`);

const SetAgenda = graphql(`
  mutation ConsoleSetAgenda($meetingId: ID!, $items: [AgendaItemInput!]!) {
    setAgenda(meetingId: $meetingId, items: $items) {
      id
      agenda {
        id
        position
        title
        description
        durationMinutes
        presenter {
          id
          fullName
        }
      }
    }
  }
`);

const RecordAttendance = graphql(`
  mutation ConsoleRecordAttendance($meetingId: ID!, $entries: [AttendanceInput!]!) {
    recordAttendance(meetingId: $meetingId, entries: $entries) {
      id
      status
      quorum {
        counted
        met
        required
        votingMembers
      }
      quorumAtRisk
      participants {
        attendance
        rsvp
        voting
        isMember
        person {
          id
          fullName
        }
        organization {
          id
          name
          sector
        }
      }
    }
  }
`);

const RecordDecision = graphql(`
  mutation ConsoleRecordDecision($meetingId: ID!, $agendaItemId: ID, $text: String!) {
    recordDecision(meetingId: $meetingId, agendaItemId: $agendaItemId, text: $text) {
      id
    }
  }
`);

const CreateActionItem = graphql(`
  mutation ConsoleCreateActionItem($input: ActionItemInput!) {
    createActionItem(input: $input) {
      id
      title
    }
  }
`);

const RecordMinutes = graphql(`
  mutation ConsoleRecordMinutes($meetingId: ID!, $text: String!) {
    recordMinutes(meetingId: $meetingId, text: $text) {
      id
      status
      text
      circulatedAt
      adoptedAt
    }
  }
`);
const CirculateMinutes = graphql(`
  mutation ConsoleCirculateMinutes($meetingId: ID!) {
    circulateMinutes(meetingId: $meetingId) {
      id
      status
      text
      circulatedAt
      adoptedAt
    }
  }
`);
const AdoptMinutes = graphql(`
  mutation ConsoleAdoptMinutes($meetingId: ID!) {
    adoptMinutes(meetingId: $meetingId) {
      id
      status
      text
      circulatedAt
      adoptedAt
    }
  }
`);

type MeetingData = NonNullable<MeetingConsoleQuery['meeting']>;
interface Row {
  key: string;
  title: string;
  durationMinutes: string;
  presenterPersonId: string;
  description: string;
}

let nextKey = 0;
const rowsOf = (agenda: MeetingData['agenda']): Row[] =>
  [...agenda]
    .sort((a, b) => a.position - b.position)
    .map((a) => ({
      key: a.id,
      title: a.title,
      durationMinutes: a.durationMinutes == null ? '' : String(a.durationMinutes),
      presenterPersonId: a.presenter?.id ?? '',
      description: a.description ?? '',
    }));

/** The agenda as the API takes it; an error per row for what it would refuse. */
export function agendaInput(rows: Row[]) {
  return rows.map((r) => ({
    title: r.title.trim(),
    durationMinutes: r.durationMinutes === '' ? null : Number(r.durationMinutes),
    presenterPersonId: r.presenterPersonId || null,
    description: r.description.trim() || null,
  }));
}

/**
 * The agenda editor: items reordered with the Move buttons (keyboard and mouse), by dragging, or with Alt+Arrow
 * keys on an item; durations and presenters. Saved as one list (setAgenda).
 */
function AgendaEditor({ meeting }: { meeting: MeetingData }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(meeting.agenda));
  const [dragging, setDragging] = useState<number | null>(null);
  const [announce, setAnnounce] = useState('');
  const [localErrors, setLocalErrors] = useState<ApiError[]>([]);
  const [saved, setSaved] = useState(false);
  const [result, save] = useMutation(SetAgenda);
  const errors = [...localErrors, ...apiErrors(result.error)];
  const total = rows.reduce((sum, r) => sum + (Number(r.durationMinutes) || 0), 0);
  const update = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (from: number, to: number) => {
    if (to < 0 || to >= rows.length) return;
    setRows(moveItem(rows, from, to));
    setAnnounce(t('agenda.moved', { title: rows[from].title || '—', position: to + 1, count: rows.length }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const problems: ApiError[] = [];
    rows.forEach((r, i) => {
      if (!r.title.trim()) problems.push({ field: `title-${i}`, message: t('agenda.titleRequired') });
      const n = Number(r.durationMinutes);
      if (r.durationMinutes !== '' && (!Number.isInteger(n) || n <= 0 || n > 1440)) {
        problems.push({ field: `duration-${i}`, message: t('agenda.durationRange') });
      }
    });
    setLocalErrors(problems);
    if (problems.length) return;
    const res = await save({ meetingId: meeting.id, items: agendaInput(rows) });
    if (!res.error && res.data) {
      setRows(rowsOf(res.data.setAgenda.agenda));
      setSaved(true);
    }
  }

  const presenters = meeting.participants.map((p) => p.person);
  return (
    <form className="form" onSubmit={submit} aria-label={t('agenda.title')}>
      <ErrorList
        errors={formErrors(
          errors,
          rows.flatMap((_, i) => [`title-${i}`, `duration-${i}`]),
        )}
      />
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
      <ol className="agenda">
        {rows.map((r, i) => (
          <li
            key={r.key}
            className={dragging === i ? 'agenda-row dragging' : 'agenda-row'}
            draggable
            onDragStart={(e: DragEvent) => {
              setDragging(i);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              if (dragging !== null) move(dragging, i);
              setDragging(null);
            }}
            onDragEnd={() => setDragging(null)}
            onKeyDown={(e) => {
              if (!e.altKey) return;
              if (e.key === 'ArrowUp') {
                e.preventDefault();
                move(i, i - 1);
              } else if (e.key === 'ArrowDown') {
                e.preventDefault();
                move(i, i + 1);
              }
            }}
          >
            <span className="drag-handle" aria-hidden="true">
              ⠿
            </span>
            <div className="agenda-fields">
              <Field
                label={t('agenda.itemTitle', { position: i + 1 })}
                value={r.title}
                onChange={(v) => update(i, { title: v })}
                error={fieldError(errors, `title-${i}`)}
              />
              <div className="row">
                <Field
                  label={t('agenda.duration')}
                  type="number"
                  inputMode="numeric"
                  value={r.durationMinutes}
                  onChange={(v) => update(i, { durationMinutes: v })}
                  error={fieldError(errors, `duration-${i}`)}
                />
                <SelectField
                  label={t('agenda.presenter')}
                  value={r.presenterPersonId}
                  onChange={(v) => update(i, { presenterPersonId: v })}
                >
                  <option value="">{t('agenda.noPresenter')}</option>
                  {presenters.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.fullName}
                    </option>
                  ))}
                </SelectField>
              </div>
            </div>
            <div className="agenda-tools">
              <Button
                variant="secondary"
                isDisabled={i === 0}
                onPress={() => move(i, i - 1)}
                aria-label={t('agenda.up', { title: r.title || String(i + 1) })}
              >
                ↑
              </Button>
              <Button
                variant="secondary"
                isDisabled={i === rows.length - 1}
                onPress={() => move(i, i + 1)}
                aria-label={t('agenda.down', { title: r.title || String(i + 1) })}
              >
                ↓
              </Button>
              <Button
                variant="secondary"
                onPress={() => setRows(rows.filter((_, j) => j !== i))}
                aria-label={t('agenda.remove', { title: r.title || String(i + 1) })}
              >
                ✕
              </Button>
            </div>
          </li>
        ))}
      </ol>
      <p className="muted">{t('agenda.total', { minutes: total })}</p>
      <div className="toolbar">
        <Button
          variant="secondary"
          onPress={() =>
            setRows([
              ...rows,
              { key: `new-${nextKey++}`, title: '', durationMinutes: '', presenterPersonId: '', description: '' },
            ])
          }
        >
          {t('agenda.add')}
        </Button>
        <Button type="submit" isDisabled={result.fetching}>
          {t('agenda.save')}
        </Button>
      </div>
      {saved && (
        <p role="status" className="ok">
          {t('agenda.saved')}
        </p>
      )}
    </form>
  );
}

function Quorum({ meeting }: { meeting: Pick<MeetingData, 'quorum' | 'quorumAtRisk' | 'status'> }) {
  const { t } = useI18n();
  const q = meeting.quorum;
  return (
    <p className={meeting.quorumAtRisk ? 'alert' : q.met ? 'ok' : 'muted'} data-testid="quorum">
      {meeting.quorumAtRisk && <StatusBadge tone="bad">{t('quorum.atRisk')}</StatusBadge>}{' '}
      {t(meeting.status === 'HELD' ? 'quorum.present' : 'quorum.accepted', {
        counted: q.counted,
        required: q.required,
        voting: q.votingMembers,
      })}{' '}
      {q.met ? t('quorum.met') : t('quorum.notMet')}
    </p>
  );
}

const ATTENDANCE: AttendanceStatus[] = ['PRESENT', 'ABSENT', 'EXCUSED'];

/** Attendance on the day: one row per invitee, large choices for a phone, "all present" to start from. */
function Attendance({ meeting }: { meeting: MeetingData }) {
  const { t } = useI18n();
  const [marks, setMarks] = useState<Record<string, AttendanceStatus | undefined>>(() =>
    Object.fromEntries(meeting.participants.map((p) => [p.person.id, p.attendance ?? undefined])),
  );
  const [saved, setSaved] = useState(false);
  const [result, record] = useMutation(RecordAttendance);
  const errors = apiErrors(result.error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const entries = Object.entries(marks)
      .filter(([, a]) => a)
      .map(([personId, attendance]) => ({ personId, attendance: attendance! }));
    const res = await record({ meetingId: meeting.id, entries });
    if (!res.error) setSaved(true);
  }
  return (
    <form className="form" onSubmit={submit} aria-label={t('attendance.title')}>
      <ErrorList errors={errors} />
      <Button
        variant="secondary"
        onPress={() => setMarks(Object.fromEntries(meeting.participants.map((p) => [p.person.id, 'PRESENT' as const])))}
      >
        {t('attendance.allPresent')}
      </Button>
      <ul className="plain attendance">
        {meeting.participants.map((p) => (
          <li key={p.person.id} className="item">
            <fieldset>
              <legend>
                {p.person.fullName}
                {p.organization && <span className="muted"> · {p.organization.name}</span>}
              </legend>
              <div className="choices">
                {ATTENDANCE.map((a) => (
                  <label key={a} className="choice">
                    <input
                      type="radio"
                      name={`att-${p.person.id}`}
                      checked={marks[p.person.id] === a}
                      onChange={() => setMarks({ ...marks, [p.person.id]: a })}
                    />{' '}
                    {enumLabel(t, 'attendance', a)}
                  </label>
                ))}
              </div>
            </fieldset>
          </li>
        ))}
      </ul>
      <Button type="submit" isDisabled={result.fetching}>
        {t('attendance.save')}
      </Button>
      {saved && (
        <p role="status" className="ok">
          {t('attendance.saved')}
        </p>
      )}
    </form>
  );
}

const DECISION_FIELDS = ['text', 'agendaItemId', 'title', 'dueOn', 'ownerPersonId', 'ownerOrganizationId'] as const;

/** A decision, linked to an agenda item, and in the same flow the action item it calls for. */
function DecisionForm({ meeting, onDone }: { meeting: MeetingData; onDone: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [agendaItemId, setAgendaItemId] = useState('');
  const [withAction, setWithAction] = useState(true);
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [owner, setOwner] = useState('');
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  // A decision recorded in an earlier attempt whose action item failed: the retry only adds the action item.
  const [decisionId, setDecisionId] = useState('');
  const [, recordDecision] = useMutation(RecordDecision);
  const [, createAction] = useMutation(CreateActionItem);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone('');
    const problems: ApiError[] = [];
    if (!text.trim() && !decisionId) problems.push({ field: 'text', message: t('decision.textRequired') });
    if (withAction && !title.trim()) problems.push({ field: 'title', message: t('decision.actionTitleRequired') });
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    try {
      let id = decisionId;
      if (!id) {
        const res = await recordDecision(
          { meetingId: meeting.id, agendaItemId: agendaItemId || null, text: text.trim() },
          { additionalTypenames: ['Decision'] },
        );
        if (res.error || !res.data) return setErrors(apiErrors(res.error));
        id = res.data.recordDecision.id;
        setDecisionId(id);
      }
      if (withAction) {
        const participant = meeting.participants.find((p) => p.person.id === owner);
        const res = await createAction(
          {
            input: {
              bodyId: meeting.body.id,
              meetingId: meeting.id,
              decisionId: id,
              title: title.trim(),
              dueOn: dueOn || null,
              ownerPersonId: owner || null,
              ownerOrganizationId: participant?.organization?.id ?? null,
            },
          },
          { additionalTypenames: ['ActionItem'] },
        );
        if (res.error) return setErrors(apiErrors(res.error));
      }
      setDecisionId('');
      setText('');
      setTitle('');
      setDueOn('');
      setOwner('');
      setDone(withAction ? t('decision.savedWithAction') : t('decision.saved'));
      onDone();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('decision.formLabel')}>
      <ErrorList errors={formErrors(errors, DECISION_FIELDS)} />
      <Field
        label={t('decision.text')}
        multiline
        value={text}
        onChange={setText}
        error={fieldError(errors, 'text')}
        isDisabled={!!decisionId}
        description={decisionId ? t('decision.alreadyRecorded') : undefined}
      />
      <SelectField
        label={t('decision.agendaItem')}
        value={agendaItemId}
        onChange={setAgendaItemId}
        error={fieldError(errors, 'agendaItemId')}
      >
        <option value="">{t('decision.noAgendaItem')}</option>
        {meeting.agenda.map((a) => (
          <option key={a.id} value={a.id}>
            {a.position}. {a.title}
          </option>
        ))}
      </SelectField>
      <label className="check">
        <input type="checkbox" checked={withAction} onChange={(e) => setWithAction(e.target.checked)} />{' '}
        {t('decision.withAction')}
      </label>
      {withAction && (
        <fieldset>
          <legend>{t('decision.action')}</legend>
          <Field
            label={t('decision.actionTitle')}
            value={title}
            onChange={setTitle}
            error={fieldError(errors, 'title')}
          />
          <div className="row">
            <SelectField
              label={t('decision.owner')}
              value={owner}
              onChange={setOwner}
              error={fieldError(errors, 'ownerPersonId') ?? fieldError(errors, 'ownerOrganizationId')}
            >
              <option value="">{t('decision.noOwner')}</option>
              {meeting.participants.map((p) => (
                <option key={p.person.id} value={p.person.id}>
                  {p.person.fullName}
                  {p.organization ? ` (${p.organization.name})` : ''}
                </option>
              ))}
            </SelectField>
            <Field
              label={t('decision.dueOn')}
              type="date"
              value={dueOn}
              onChange={setDueOn}
              error={fieldError(errors, 'dueOn')}
            />
          </div>
        </fieldset>
      )}
      <Button type="submit" isDisabled={busy}>
        {t('decision.submit')}
      </Button>
      {done && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
    </form>
  );
}

/** Minutes: draft (saved as often as needed), circulate to participants, adopt. */
function MinutesEditor({ meeting }: { meeting: MeetingData }) {
  const { t, locale } = useI18n();
  const [text, setText] = useState(meeting.minutes?.text ?? '');
  const [minutes, setMinutes] = useState(meeting.minutes);
  const [r1, record] = useMutation(RecordMinutes);
  const [r2, circulate] = useMutation(CirculateMinutes);
  const [r3, adopt] = useMutation(AdoptMinutes);
  useEffect(() => setMinutes(meeting.minutes), [meeting.minutes]);
  const errors = [...apiErrors(r1.error), ...apiErrors(r2.error), ...apiErrors(r3.error)];
  const status = minutes?.status;
  return (
    <form
      className="form"
      aria-label={t('minutes.title')}
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await record({ meetingId: meeting.id, text });
        if (res.data) setMinutes(res.data.recordMinutes);
      }}
    >
      <ErrorList errors={formErrors(errors, ['text'])} />
      <p>
        {status ? (
          <StatusBadge tone={status === 'ADOPTED' ? 'ok' : 'warn'}>{enumLabel(t, 'minutesStatus', status)}</StatusBadge>
        ) : (
          <span className="muted">{t('minutes.none')}</span>
        )}{' '}
        {minutes?.adoptedAt && formatDateTime(locale, minutes.adoptedAt)}
      </p>
      <Field
        label={t('minutes.text')}
        multiline
        value={text}
        onChange={setText}
        isReadOnly={!!status && status !== 'DRAFT'}
        error={fieldError(errors, 'text')}
      />
      <div className="toolbar">
        {(!status || status === 'DRAFT') && (
          <Button type="submit" isDisabled={r1.fetching}>
            {t('minutes.saveDraft')}
          </Button>
        )}
        {status === 'DRAFT' && (
          <Button
            variant="secondary"
            onPress={async () => {
              const res = await circulate({ meetingId: meeting.id });
              if (res.data) setMinutes(res.data.circulateMinutes);
            }}
          >
            {t('minutes.circulate')}
          </Button>
        )}
        {status === 'CIRCULATED' && (
          <Button
            onPress={async () => {
              const res = await adopt({ meetingId: meeting.id });
              if (res.data) setMinutes(res.data.adoptMinutes);
            }}
          >
            {t('minutes.adopt')}
          </Button>
        )}
      </div>
    </form>
  );
}

/** A meeting's console page: agenda, invitations and quorum, attendance, decisions and actions, minutes. */
export default function MeetingConsole() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const access = useAccess();
  const [{ data: fresh, fetching, error }, refetch] = useQuery({ query: MeetingConsoleDoc, variables: { id } });
  // Kept while the document cache fetches it again after a mutation: forms below keep their state and messages.
  const last = useRef(fresh);
  if (fresh) last.current = fresh;
  const data = fresh ?? (last.current?.meeting?.id === id ? last.current : undefined);
  if (fetching && !data) return <Loading />;
  const meeting = data?.meeting;
  if (!meeting || !access.canManage(meeting.body.id)) {
    return (
      <section>
        <ErrorList errors={apiErrors(error)} />
        <PageTitle title={t('console.notManaged')}>{t('console.notManaged')}</PageTitle>
      </section>
    );
  }
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const started = new Date(meeting.startsAt).getTime() <= Date.now();
  return (
    <article>
      <nav aria-label={t('body.breadcrumb')} className="breadcrumb">
        <Link to="/console">{t('console.bodies')}</Link> /{' '}
        <Link to={`/console/bodies/${meeting.body.id}`}>{meeting.body.name}</Link>
      </nav>
      <PageTitle title={meeting.title}>{meeting.title}</PageTitle>
      <p className="muted">
        {formatDateTime(locale, meeting.startsAt, meeting.timezone)} · {enumLabel(t, 'meetingStatus', meeting.status)}
        {meeting.location && ` · ${meeting.location}`} ·{' '}
        <Link to={`/meetings/${meeting.id}`}>{t('console.publicPage')}</Link>
      </p>

      <section aria-labelledby="invitations">
        <h2 id="invitations">{t('invitations.title', { count: meeting.participants.length })}</h2>
        <Quorum meeting={meeting} />
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">
              {t('invitations.title', { count: meeting.participants.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('invitations.person')}</th>
                <th scope="col">{t('invitations.rsvp')}</th>
                <th scope="col">{t('invitations.voting')}</th>
              </tr>
            </thead>
            <tbody>
              {meeting.participants.map((p) => (
                <tr key={p.person.id}>
                  <th scope="row">
                    {p.person.fullName}
                    {p.organization && <span className="muted"> · {p.organization.name}</span>}
                  </th>
                  <td>{enumLabel(t, 'rsvp', p.rsvp)}</td>
                  <td>{p.voting ? t('common.yes') : t('common.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="agenda">
        <h2 id="agenda">{t('agenda.title')}</h2>
        <p className="muted">{t('agenda.help')}</p>
        <AgendaEditor meeting={meeting} />
      </section>

      <section aria-labelledby="attendance">
        <h2 id="attendance">{t('attendance.title')}</h2>
        {started ? <Attendance meeting={meeting} /> : <p className="muted">{t('attendance.notYet')}</p>}
      </section>

      <section aria-labelledby="decisions">
        <h2 id="decisions">{t('decision.title')}</h2>
        <ul className="plain">
          {meeting.decisions.map((d) => (
            <li key={d.id} className="item">
              <p>{d.text}</p>
              {d.agendaItem && <p className="muted">{t('decision.onItem', { title: d.agendaItem.title })}</p>}
              {d.actionItems.map((a) => (
                <p key={a.id}>
                  {t('decision.actionLink')} <Link to={`/action-items/${a.id}`}>{a.title}</Link>
                </p>
              ))}
            </li>
          ))}
        </ul>
        <DecisionForm meeting={meeting} onDone={reload} />
      </section>

      <section aria-labelledby="minutes">
        <h2 id="minutes">{t('minutes.title')}</h2>
        {meeting.status === 'HELD' ? (
          <MinutesEditor meeting={meeting} />
        ) : (
          <p className="muted">{t('minutes.afterHeld')}</p>
        )}
      </section>
    </article>
  );
}
