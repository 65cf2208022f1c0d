import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ProgressGrouping } from '../gql/graphql';
import { useI18n } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { ErrorList, Loading, PageTitle, SelectField } from '../ui/ui';
import { useAccess } from './access';
import { OutreachReach } from './OutreachReach';
import { ReportingCycles } from './ReportingCycles';
import { SectorParticipation } from './SectorParticipation';

const ReportsDoc = graphql(`
  query ConsoleReports($bodyId: ID, $groupBy: ProgressGrouping!, $partBody: ID!, $skipParticipation: Boolean!) {
    commitmentProgress(bodyId: $bodyId, groupBy: $groupBy) {
      key
      label
      total
      done
      overdue
      averageProgressPercent
    }
    participation(bodyId: $partBody) @skip(if: $skipParticipation) {
      attendanceRate
      meetingsAttended
      meetingsInvited
      organization {
        id
        name
        sector
      }
    }
  }
`);

const GROUPINGS: ProgressGrouping[] = ['FRAMEWORK_TARGET', 'OWNER_SECTOR', 'GOVERNANCE_LEVEL', 'BODY'];

/**
 * Commitment progress by one dimension; for a chosen body, participation per organization and per sector, its
 * reporting cycles and the reach of its outreach meetings.
 */
export default function Reports() {
  const { t, locale } = useI18n();
  const access = useAccess();
  const [params, setParams] = useSearchParams();
  const body = params.get('body') ?? '';
  const [groupBy, setGroupBy] = useState<ProgressGrouping>('FRAMEWORK_TARGET');
  const [{ data, fetching, error }] = useQuery({
    query: ReportsDoc,
    variables: {
      bodyId: body || null,
      groupBy,
      partBody: body || '00000000-0000-0000-0000-000000000000',
      skipParticipation: !body,
    },
  });
  const pct = (n: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(n);
  return (
    <section>
      <PageTitle title={t('reports.title')}>{t('reports.title')}</PageTitle>
      <div className="filters">
        <SelectField
          label={t('actions.body')}
          value={body}
          onChange={(v) => setParams(v ? { body: v } : {}, { replace: true })}
        >
          <option value="">{t('common.all')}</option>
          {access.bodies
            .filter((b) => access.canManage(b.id))
            .map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
        </SelectField>
        <SelectField label={t('reports.groupBy')} value={groupBy} onChange={(v) => setGroupBy(v as ProgressGrouping)}>
          {GROUPINGS.map((g) => (
            <option key={g} value={g}>
              {enumLabel(t, 'grouping', g)}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !data ? (
        <Loading />
      ) : (
        <>
          <h2>{t('reports.progress')}</h2>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t('reports.progress')}</caption>
              <thead>
                <tr>
                  <th scope="col">{enumLabel(t, 'grouping', groupBy)}</th>
                  <th scope="col">{t('reports.total')}</th>
                  <th scope="col">{t('reports.done')}</th>
                  <th scope="col">{t('reports.overdue')}</th>
                  <th scope="col">{t('reports.average')}</th>
                </tr>
              </thead>
              <tbody>
                {data?.commitmentProgress.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{groupBy === 'OWNER_SECTOR' ? enumLabel(t, 'sector', r.key) : r.label}</th>
                    <td>{r.total}</td>
                    <td>{r.done}</td>
                    <td>{r.overdue}</td>
                    <td>{Math.round(r.averageProgressPercent)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t('reports.participation')}</h2>
          {!body ? (
            <p className="muted">{t('reports.pickBody')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <caption className="visually-hidden">{t('reports.participation')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.organization')}</th>
                    <th scope="col">{t('member.sector')}</th>
                    <th scope="col">{t('reports.attended')}</th>
                    <th scope="col">{t('reports.rate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data?.participation?.map((r) => (
                    <tr
                      key={r.organization.id}
                      className={r.organization.sector === 'CIVIL_SOCIETY' ? 'highlight' : undefined}
                    >
                      <th scope="row">{r.organization.name}</th>
                      <td>{enumLabel(t, 'sector', r.organization.sector)}</td>
                      <td>
                        {r.meetingsAttended} / {r.meetingsInvited}
                      </td>
                      <td>{pct(r.attendanceRate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {body && (
        <>
          <SectorParticipation key={`s-${body}`} bodyId={body} />
          <ReportingCycles key={`c-${body}`} bodyId={body} canManage={access.canManage(body)} />
          <OutreachReach key={`r-${body}`} bodyId={body} />
        </>
      )}
    </section>
  );
}
