import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { ActionRow, ownerFilter, PAGE_SIZE, useActionPages } from './actionPages';
import { graphql } from '../gql';
import type { ActionStatus, StakeholderSector } from '../gql/graphql';
import { formatDate, useI18n } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { Button, ErrorList, Loading, PageTitle, Progress, SelectField, StatusBadge } from '../ui/ui';
import { useAccess } from './access';
import { SECTORS } from './AddMember';
import { toCsv } from './view';

const TargetsDoc = graphql(`
  query ConsoleActionTargets {
    frameworkTargets {
      code
      title
    }
  }
`);

const STATUSES: ActionStatus[] = ['OPEN', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED'];

/** The rows of the CSV: what the list shows, one item a line. */
export function actionsCsv(rows: ActionRow[]): string {
  return toCsv(
    [
      'id',
      'title',
      'body',
      'county',
      'owner',
      'organization',
      'sector',
      'status',
      'due_on',
      'overdue',
      'progress_percent',
      'framework_targets',
    ],
    rows.map((a) => [
      a.id,
      a.title,
      a.body.name,
      a.body.subdivisionCode ?? '',
      a.ownerPerson?.fullName ?? '',
      a.ownerOrganization?.name ?? '',
      a.ownerOrganization?.sector ?? '',
      a.status,
      a.dueOn ?? '',
      a.isOverdue ? 'yes' : 'no',
      a.progressPercent,
      a.frameworkTargets.map((f) => f.code).join(' '),
    ]),
  );
}

/**
 * The national list of actions across the county units, overdue by default; every filter is the API's and kept in
 * the address; pages of 50 are added with "Show more", and the CSV has every matching item.
 */
export default function Actions() {
  const { t, locale } = useI18n();
  const access = useAccess();
  const [params, setParams] = useSearchParams();
  const body = params.get('body') ?? '';
  const status = params.get('status') ?? '';
  const target = params.get('target') ?? '';
  const owner = params.get('owner') ?? '';
  const sector = params.get('sector') ?? '';
  const overdue = params.get('overdue') !== 'no';
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const filter = {
    bodyId: body || null,
    includeSubBodies: true,
    overdue: overdue ? true : null,
    status: status ? [status as ActionStatus] : null,
    frameworkCode: target || null,
    ownerSector: (sector || null) as StakeholderSector | null,
    ...ownerFilter(owner),
  };
  const [targets] = useQuery({ query: TargetsDoc });
  const pages = useActionPages(filter);
  const [downloaded, setDownloaded] = useState(false);
  const rows = pages.rows;
  const owners = new Map<string, string>(pages.owners);
  for (const a of rows) {
    if (a.ownerOrganization) owners.set(`o:${a.ownerOrganization.id}`, a.ownerOrganization.name);
    if (a.ownerPerson) owners.set(`p:${a.ownerPerson.id}`, a.ownerPerson.fullName);
  }

  async function download() {
    const all = await pages.loadAll();
    if (!all) return;
    const blob = new Blob(['\uFEFF', actionsCsv(all)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = overdue ? 'overdue-actions.csv' : 'actions.csv';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setDownloaded(true);
  }

  return (
    <section>
      <PageTitle title={t('actions.title')}>{t('actions.title')}</PageTitle>
      <form className="filters" aria-label={t('actions.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField label={t('actions.body')} value={body} onChange={(v) => set('body', v)}>
          <option value="">{t('common.all')}</option>
          {access.bodies
            .filter((b) => access.canManage(b.id))
            .map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
        </SelectField>
        <SelectField label={t('actions.status')} value={status} onChange={(v) => set('status', v)}>
          <option value="">{t('common.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {enumLabel(t, 'actionStatus', s)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('actions.target')} value={target} onChange={(v) => set('target', v)}>
          <option value="">{t('common.all')}</option>
          {targets.data?.frameworkTargets.map((f) => (
            <option key={f.code} value={f.code}>
              {f.code}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('actions.owner')} value={owner} onChange={(v) => set('owner', v)}>
          <option value="">{t('common.all')}</option>
          {[...owners.entries()]
            .sort((a, b) => a[1].localeCompare(b[1]))
            .map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
        </SelectField>
        <SelectField label={t('actions.sector')} value={sector} onChange={(v) => set('sector', v)}>
          <option value="">{t('common.all')}</option>
          {SECTORS.map((s) => (
            <option key={s} value={s}>
              {enumLabel(t, 'sector', s)}
            </option>
          ))}
        </SelectField>
        <label className="check">
          <input type="checkbox" checked={overdue} onChange={(e) => set('overdue', e.target.checked ? '' : 'no')} />{' '}
          {t('actions.overdueOnly')}
        </label>
      </form>
      <ErrorList errors={[...apiErrors(targets.error), ...pages.errors]} />
      {!pages.loaded && !pages.errors.length ? (
        <Loading />
      ) : (
        <>
          <p className="toolbar">
            <span role="status">
              {pages.total > rows.length
                ? t('actions.shown', { count: rows.length, total: pages.total })
                : t('actions.count', { count: rows.length })}
            </span>
            <Button variant="secondary" onPress={download} isDisabled={!rows.length || pages.fetching}>
              {t('actions.csv')}
            </Button>
            {downloaded && <span className="muted">{t('actions.downloaded')}</span>}
          </p>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t('actions.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('actions.item')}</th>
                  <th scope="col">{t('actions.body')}</th>
                  <th scope="col">{t('actions.owner')}</th>
                  <th scope="col">{t('actions.due')}</th>
                  <th scope="col">{t('actions.status')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={`/console/actions/${a.id}`}>{a.title}</Link>
                    </th>
                    <td>{a.body.name}</td>
                    <td>{[a.ownerPerson?.fullName, a.ownerOrganization?.name].filter(Boolean).join(', ') || '—'}</td>
                    <td>{a.dueOn ? formatDate(locale, a.dueOn) : '—'}</td>
                    <td>
                      <StatusBadge tone={a.isOverdue ? 'bad' : a.status === 'DONE' ? 'ok' : 'neutral'}>
                        {enumLabel(t, 'actionStatus', a.status)}
                        {a.isOverdue && ` · ${t('actions.overdue')}`}
                      </StatusBadge>{' '}
                      <Progress value={a.progressPercent} label={t('actions.progressOf', { title: a.title })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages.hasMore && (
            <p>
              <Button variant="secondary" onPress={pages.loadMore} isDisabled={pages.fetching}>
                {t('actions.more', { count: Math.min(PAGE_SIZE, pages.total - rows.length) })}
              </Button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
