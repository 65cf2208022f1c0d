import { lazy, Suspense, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ReachDimension } from '../gql/graphql';
import { useI18n } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { ErrorList, Field, Loading, SelectField } from '../ui/ui';
import { REACH_DIMENSIONS, reachRows, reachTotal } from './reach';

const ReachChart = lazy(() => import('./ReachChart'));

const ReachDoc = graphql(`
  query ConsoleReach($bodyId: ID!, $groupBy: [ReachDimension!]!, $from: Date, $to: Date) {
    outreachReach(bodyId: $bodyId, groupBy: $groupBy, from: $from, to: $to) {
      sex
      ageBand
      locality
      body {
        id
        name
      }
      count
      suppressed
    }
  }
`);

/** People reached by a body's held outreach meetings (and its units'), by one dimension; suppression respected. */
export function OutreachReach({ bodyId }: { bodyId: string }) {
  const { t, locale } = useI18n();
  const [dimension, setDimension] = useState<ReachDimension>('SEX');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [{ data, fetching, error }] = useQuery({
    query: ReachDoc,
    variables: { bodyId, groupBy: [dimension], from: from || null, to: to || null },
  });
  const rows = reachRows(
    data?.outreachReach ?? [],
    dimension,
    (group, value) => enumLabel(t, group, value),
    t('reach.unknown'),
  );
  const total = reachTotal(rows);
  const number = new Intl.NumberFormat(locale);
  const errors = apiErrors(error);
  return (
    <section aria-labelledby="reach">
      <h2 id="reach">{t('reach.title')}</h2>
      <div className="filters">
        <SelectField label={t('reach.by')} value={dimension} onChange={(v) => setDimension(v as ReachDimension)}>
          {REACH_DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {enumLabel(t, 'reachDimension', d)}
            </option>
          ))}
        </SelectField>
        <Field label={t('reach.from')} type="date" value={from} onChange={setFrom} />
        <Field label={t('reach.to')} type="date" value={to} onChange={setTo} />
      </div>
      <ErrorList errors={errors} />
      {fetching && !data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="muted">{t('reach.none')}</p>
      ) : (
        <>
          <p role="status">
            {total.partial
              ? t('reach.totalPartial', { count: number.format(total.shown) })
              : t('reach.total', { count: number.format(total.shown) })}
          </p>
          <Suspense fallback={null}>
            <ReachChart
              rows={rows.map((r) => ({
                ...r,
                label: r.suppressed ? `${r.label} (${t('reach.suppressed')})` : r.label,
              }))}
            />
          </Suspense>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t('reach.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{enumLabel(t, 'reachDimension', dimension)}</th>
                  <th scope="col">{t('reach.people')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key || r.label}>
                    <th scope="row">{r.label}</th>
                    <td>{r.count === null ? <em>{t('reach.suppressed')}</em> : number.format(r.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {total.partial && <p className="muted">{t('reach.suppressedHelp')}</p>}
        </>
      )}
    </section>
  );
}
