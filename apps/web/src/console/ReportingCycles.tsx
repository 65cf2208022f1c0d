import { FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../app/SessionProvider';
import { formatDate, formatDateTime, useI18n } from '../i18n/i18n';
import { ApiError, apiErrors, fieldError, formErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { Button, ErrorList, Field, Loading, SelectField, StatusBadge } from '../ui/ui';
import { CycleDoc, CycleDraft, cycleProblems, CyclesDoc, isMissing, OpenCycleDoc, ReviewReportDoc } from './cycleDocs';
import { fileNameOf, saveFile } from './download';

const CYCLE_FIELDS = ['title', 'periodFrom', 'periodTo', 'dueOn', 'reportingBodyIds'] as const;

/** Opens a reporting cycle for the bodies beneath; what was typed stays until the API accepts it. */
function OpenCycle({ bodyId, onOpened }: { bodyId: string; onOpened: (id: string) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<CycleDraft>({ title: '', periodFrom: '', periodTo: '', dueOn: '' });
  const [local, setLocal] = useState<ApiError[]>([]);
  const [result, open] = useMutation(OpenCycleDoc);
  const errors = [...local, ...apiErrors(result.error)];
  const set = (key: keyof CycleDraft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = cycleProblems(draft).map((p) => ({ field: p.field, message: t(p.key as never) }));
    setLocal(problems);
    if (problems.length) return;
    const res = await open({ input: { bodyId, ...draft, title: draft.title.trim() } });
    if (res.data) {
      setDraft({ title: '', periodFrom: '', periodTo: '', dueOn: '' });
      onOpened(res.data.openReportingCycle.id);
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('cycles.open')}>
      <h3>{t('cycles.open')}</h3>
      <ErrorList errors={formErrors(errors, CYCLE_FIELDS)} />
      <Field
        label={t('cycles.titleLabel')}
        name="title"
        value={draft.title}
        onChange={set('title')}
        description={t('cycles.titleHelp')}
        error={fieldError(errors, 'title')}
        isRequired
      />
      <div className="row">
        <Field
          label={t('cycles.from')}
          name="periodFrom"
          type="date"
          value={draft.periodFrom}
          onChange={set('periodFrom')}
          error={fieldError(errors, 'periodFrom')}
          isRequired
        />
        <Field
          label={t('cycles.to')}
          name="periodTo"
          type="date"
          value={draft.periodTo}
          onChange={set('periodTo')}
          error={fieldError(errors, 'periodTo')}
          isRequired
        />
        <Field
          label={t('cycles.due')}
          name="dueOn"
          type="date"
          value={draft.dueOn}
          onChange={set('dueOn')}
          error={fieldError(errors, 'dueOn')}
          isRequired
        />
      </div>
      <p className="muted">{t('cycles.openHelp')}</p>
      <Button type="submit" isDisabled={result.fetching}>
        {t('cycles.openSubmit')}
      </Button>
    </form>
  );
}

/** Accept a submitted report, or return it with a note saying what to change. */
function Review({ reportId, bodyName }: { reportId: string; bodyName: string }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<ApiError[]>([]);
  const [result, review] = useMutation(ReviewReportDoc);
  const errors = [...local, ...apiErrors(result.error)];
  async function send(accept: boolean) {
    const problems = !accept && !note.trim() ? [{ field: 'note', message: t('cycles.returnNoteRequired') }] : [];
    setLocal(problems);
    if (problems.length) return;
    const res = await review({ id: reportId, accept, note: note.trim() || null });
    if (!res.error) setNote('');
  }
  return (
    <div className="form" role="group" aria-label={t('cycles.reviewOf', { body: bodyName })}>
      <ErrorList errors={formErrors(errors, ['note'])} />
      <Field
        label={t('cycles.reviewNote')}
        multiline
        value={note}
        onChange={setNote}
        error={fieldError(errors, 'note')}
      />
      <div className="toolbar">
        <Button onPress={() => send(true)} isDisabled={result.fetching}>
          {t('cycles.accept')}
        </Button>
        <Button variant="secondary" onPress={() => send(false)} isDisabled={result.fetching}>
          {t('cycles.return')}
        </Button>
      </div>
    </div>
  );
}

/** One cycle: the reports still missing first, then the others; review of submitted ones; the CSV. */
function Cycle({ id, canManage }: { id: string; canManage: boolean }) {
  const { t, locale } = useI18n();
  const session = useSession();
  const [{ data, fetching, error }] = useQuery({ query: CycleDoc, variables: { id } });
  const [csvError, setCsvError] = useState<ApiError[]>([]);
  const cycle = data?.reportingCycle;
  if (fetching && !data) return <Loading />;
  if (!cycle) return <ErrorList errors={apiErrors(error)} />;
  const missing = cycle.reports.filter((r) => isMissing(r.status));
  const received = cycle.reports.filter((r) => !isMissing(r.status));

  async function csv() {
    const headers = new Headers();
    const authorization = await session.authorization();
    if (authorization) headers.set('authorization', authorization);
    const res = await fetch(`/exports/reporting-cycles/${id}/reports.csv`, { headers });
    if (!res.ok) {
      const body = await res.json().catch(() => null);
      setCsvError([{ message: body?.message ?? t('common.networkError') }]);
      return;
    }
    setCsvError([]);
    saveFile(await res.blob(), fileNameOf(res.headers.get('content-disposition'), 'reporting-cycle.csv'));
  }

  return (
    <section aria-labelledby="cycle-title">
      <h3 id="cycle-title">{cycle.title}</h3>
      <p>
        {t('cycles.period', { from: formatDate(locale, cycle.periodFrom), to: formatDate(locale, cycle.periodTo) })} ·{' '}
        {t('cycles.dueOn', { date: formatDate(locale, cycle.dueOn) })}
      </p>
      <p className="toolbar">
        <StatusBadge tone={cycle.missing ? 'warn' : 'ok'}>{t('cycles.missing', { count: cycle.missing })}</StatusBadge>
        <Button variant="secondary" onPress={csv}>
          {t('cycles.csv')}
        </Button>
      </p>
      <ErrorList errors={csvError} />
      <h4>{t('cycles.missingTitle')}</h4>
      {missing.length === 0 ? (
        <p className="ok">{t('cycles.noneMissing')}</p>
      ) : (
        <ul className="plain">
          {missing.map((r) => (
            <li key={r.id} className="item">
              <strong>{r.body.name}</strong> · {enumLabel(t, 'reportStatus', r.status)}
              {r.reviewNote && <span className="muted"> · {r.reviewNote}</span>}
            </li>
          ))}
        </ul>
      )}
      <h4>{t('cycles.receivedTitle')}</h4>
      {received.length === 0 && <p className="muted">{t('cycles.noneReceived')}</p>}
      <ul className="plain">
        {received.map((r) => (
          <li key={r.id} className="item">
            <p>
              <strong>{r.body.name}</strong> · {enumLabel(t, 'reportStatus', r.status)}
              {r.rating && ` · ${enumLabel(t, 'trafficLight', r.rating)}`}
              {r.submittedAt && ` · ${formatDateTime(locale, r.submittedAt)}`}
              {r.submittedBy && ` · ${r.submittedBy.fullName}`}
            </p>
            {r.narrative && <p>{r.narrative}</p>}
            {canManage && r.status === 'SUBMITTED' && <Review reportId={r.id} bodyName={r.body.name} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A body's reporting cycles: pick one to see who has not reported; managers open new ones and review. */
export function ReportingCycles({ bodyId, canManage }: { bodyId: string; canManage: boolean }) {
  const { t, locale } = useI18n();
  const [{ data, error }, refetch] = useQuery({ query: CyclesDoc, variables: { bodyId } });
  const cycles = data?.coordinationBody?.reportingCycles ?? [];
  const [picked, setPicked] = useState('');
  const current = picked || cycles[0]?.id || '';
  return (
    <section aria-labelledby="cycles">
      <h2 id="cycles">{t('cycles.title')}</h2>
      <ErrorList errors={apiErrors(error)} />
      {cycles.length === 0 ? (
        <p className="muted">{t('cycles.none')}</p>
      ) : (
        <SelectField label={t('cycles.pick')} value={current} onChange={setPicked}>
          {cycles.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title} ({formatDate(locale, c.dueOn)}) · {t('cycles.missing', { count: c.missing })}
            </option>
          ))}
        </SelectField>
      )}
      {current && <Cycle key={current} id={current} canManage={canManage} />}
      {canManage && (
        <OpenCycle
          bodyId={bodyId}
          onOpened={(id) => {
            setPicked(id);
            refetch({ requestPolicy: 'network-only' });
          }}
        />
      )}
    </section>
  );
}
