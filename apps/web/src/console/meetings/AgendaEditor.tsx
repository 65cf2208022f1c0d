import { DragEvent, FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { Link } from 'react-router';
import { formatDate, useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../ui/labels';
import { ApiError, apiErrors, fieldError, formErrors } from '../../ui/errors';
import { Button, ErrorList, Field, SelectField } from '../../ui/ui';
import { moveItem } from '../view';
import type { MeetingData } from './meetingData';

/** Open action items of the body raised before this meeting: what the "Matters arising" item goes through. */
function MattersArising({ items }: { items: MeetingData['mattersArising'] }) {
  const { t, locale } = useI18n();
  return (
    <div className="matters-arising" data-testid="matters-arising">
      <h3>{t('agenda.mattersArising', { count: items.length })}</h3>
      {items.length === 0 ? (
        <p className="muted">{t('agenda.noMattersArising')}</p>
      ) : (
        <ul>
          {items.map((a) => (
            <li key={a.id}>
              <Link to={`/console/actions/${a.id}`}>{a.title}</Link>{' '}
              <span className="muted">
                {enumLabel(t, 'actionStatus', a.status)}
                {a.dueOn && ` · ${t('agenda.due', { date: formatDate(locale, a.dueOn) })}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

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
export function AgendaEditor({ meeting }: { meeting: MeetingData }) {
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
      <MattersArising items={meeting.mattersArising} />
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
