import { lazy, Suspense, useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ProgressGrouping } from '../gql/graphql';
import { useT } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { ErrorList, Loading, PageTitle } from '../ui/ui';
import { chartRows, totals } from './view';

// Recharts is the largest dependency: it loads only with this page's chart, never with the first page.
const ProgressChart = lazy(() => import('./ProgressChart'));

const ProgressQuery = graphql(`
  query CommitmentProgress($groupBy: ProgressGrouping!) {
    commitmentProgress(groupBy: $groupBy) {
      key
      label
      total
      done
      overdue
      averageProgressPercent
    }
  }
`);

const GROUPINGS: Array<{
  id: ProgressGrouping;
  label: 'dashboard.byObjective' | 'dashboard.byBody' | 'dashboard.bySector';
}> = [
  { id: 'FRAMEWORK_TARGET', label: 'dashboard.byObjective' },
  { id: 'BODY', label: 'dashboard.byBody' },
  { id: 'OWNER_SECTOR', label: 'dashboard.bySector' },
];

function GroupingPanel({ groupBy, title }: { groupBy: ProgressGrouping; title: string }) {
  const t = useT();
  const [{ data, fetching, error }] = useQuery({ query: ProgressQuery, variables: { groupBy } });
  const [view, setView] = useState<'chart' | 'table'>('chart');
  if (fetching && !data) return <Loading />;
  const rows = data?.commitmentProgress ?? [];
  const all = chartRows(rows);
  const sum = totals(rows);
  return (
    <>
      <ErrorList errors={apiErrors(error)} />
      <p className="summary">{t('dashboard.summary', { total: sum.total, done: sum.done, overdue: sum.overdue })}</p>
      <div className="toolbar">
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={view === 'table'}
          onClick={() => setView(view === 'chart' ? 'table' : 'chart')}
        >
          {view === 'chart' ? t('dashboard.showTable') : t('dashboard.showChart')}
        </button>
        <a className="button button-secondary" href={`/exports/commitment-progress.csv?groupBy=${groupBy}`} download>
          {t('dashboard.downloadCsv')}
        </a>
      </div>
      {view === 'chart' ? (
        <Suspense fallback={<Loading />}>
          <figure className="chart">
            <ProgressChart
              rows={chartRows(rows, 12)}
              labels={{ done: t('dashboard.done'), open: t('dashboard.open'), overdue: t('dashboard.overdue') }}
            />
            <figcaption>{t('dashboard.chartCaption', { title })}</figcaption>
          </figure>
        </Suspense>
      ) : (
        // Focusable: on a phone the table scrolls sideways, and a keyboard user scrolls it with the arrow keys.
        <table className="table" tabIndex={0}>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.group')}</th>
              <th scope="col">{t('dashboard.total')}</th>
              <th scope="col">{t('dashboard.done')}</th>
              <th scope="col">{t('dashboard.open')}</th>
              <th scope="col">{t('dashboard.overdue')}</th>
              <th scope="col">{t('dashboard.average')}</th>
            </tr>
          </thead>
          <tbody>
            {all.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td>{r.total}</td>
                <td>{r.done}</td>
                <td>{r.open}</td>
                <td>{r.overdue}</td>
                <td>{r.average}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The accountability dashboard: public commitments by GCM objective, by body (counties) and by sector. */
export default function Dashboard() {
  const t = useT();
  return (
    <section>
      <PageTitle title={t('dashboard.title')}>{t('dashboard.title')}</PageTitle>
      <p className="lead">{t('dashboard.intro')}</p>
      <Tabs>
        <TabList aria-label={t('dashboard.grouping')} className="tabs">
          {GROUPINGS.map((g) => (
            <Tab key={g.id} id={g.id}>
              {t(g.label)}
            </Tab>
          ))}
        </TabList>
        {GROUPINGS.map((g) => (
          <TabPanel key={g.id} id={g.id}>
            <GroupingPanel groupBy={g.id} title={t(g.label)} />
          </TabPanel>
        ))}
      </Tabs>
    </section>
  );
}
