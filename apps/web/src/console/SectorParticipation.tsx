import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useI18n } from '../i18n/i18n';
import { apiErrors } from '../ui/errors';
import { enumLabel } from '../ui/labels';
import { ErrorList } from '../ui/ui';

const SectorsDoc = graphql(`
  query ConsoleSectorParticipation($bodyId: ID!) {
    participationBySector(bodyId: $bodyId) {
      sector
      invitations
      attended
      excused
      attendanceRate
    }
  }
`);

/** Sectors whose attendance answers "is civil society attending?" (non-governmental, non-business voices). */
export const CIVIL_SOCIETY_SECTORS = [
  'CIVIL_SOCIETY',
  'MIGRANT_ASSOCIATION',
  'DIASPORA_ORGANIZATION',
  'FAITH_BASED_ORGANIZATION',
];

/** The civil-society answer: invitations and attendance summed over its sectors; null when never invited. */
export function civilSocietyRate(rows: Array<{ sector: string; invitations: number; attended: number }>) {
  const cs = rows.filter((r) => CIVIL_SOCIETY_SECTORS.includes(r.sector));
  const invitations = cs.reduce((n, r) => n + r.invitations, 0);
  const attended = cs.reduce((n, r) => n + r.attended, 0);
  return invitations ? { invitations, attended, rate: attended / invitations } : null;
}

/** Attendance of a body's held meetings per stakeholder sector, with the civil-society answer as a sentence. */
export function SectorParticipation({ bodyId }: { bodyId: string }) {
  const { t, locale } = useI18n();
  const [{ data, error }] = useQuery({ query: SectorsDoc, variables: { bodyId } });
  const rows = data?.participationBySector ?? [];
  const pct = (n: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(n);
  const cs = civilSocietyRate(rows);
  return (
    <section aria-labelledby="by-sector">
      <h2 id="by-sector">{t('sectors.title')}</h2>
      <ErrorList errors={apiErrors(error)} />
      {data && (
        <p className={cs && cs.rate >= 0.5 ? 'ok' : undefined}>
          {cs
            ? t('sectors.civilSociety', { rate: pct(cs.rate), attended: cs.attended, invitations: cs.invitations })
            : t('sectors.civilSocietyNone')}
        </p>
      )}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t('sectors.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('member.sector')}</th>
                <th scope="col">{t('sectors.invitations')}</th>
                <th scope="col">{t('sectors.attended')}</th>
                <th scope="col">{t('sectors.excused')}</th>
                <th scope="col">{t('reports.rate')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.sector} className={CIVIL_SOCIETY_SECTORS.includes(r.sector) ? 'highlight' : undefined}>
                  <th scope="row">{enumLabel(t, 'sector', r.sector)}</th>
                  <td>{r.invitations}</td>
                  <td>{r.attended}</td>
                  <td>{r.excused}</td>
                  <td>{pct(r.attendanceRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
