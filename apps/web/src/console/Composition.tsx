import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n/i18n';
import { enumLabel } from '../ui/labels';
import { compositionRows } from './view';

const CompositionChart = lazy(() => import('./CompositionChart'));

export interface CompositionData {
  activeMembers: number;
  governmentShare: number;
  nonGovernmentShare: number;
  bySector: Array<{ sector: string; members: number }>;
  unfilledSeats: Array<{ sector: string; minSeats: number }>;
}

/** The composition check: a sentence (what is missing, the government share), a chart and the same as a table. */
export function Composition({
  composition,
  requiredSeats,
}: {
  composition: CompositionData;
  requiredSeats: Array<{ sector: string; minSeats: number }>;
}) {
  const { t, locale } = useI18n();
  const rows = compositionRows(composition.bySector, requiredSeats, composition.unfilledSeats);
  const pct = (n: number) => new Intl.NumberFormat(locale, { style: 'percent' }).format(n);
  // A list as the language writes one ("a, b and c", "أ وب وج").
  const missing = new Intl.ListFormat(locale, { type: 'conjunction' }).format(
    composition.unfilledSeats.map((s) =>
      t('composition.missingSeat', { count: s.minSeats, sector: enumLabel(t, 'sector', s.sector) }),
    ),
  );
  return (
    <section aria-labelledby="composition">
      <h2 id="composition">{t('composition.title')}</h2>
      <p className={missing ? 'alert-inline' : 'ok'} data-testid="composition-sentence">
        {t('composition.sentence', {
          members: composition.activeMembers,
          government: pct(composition.governmentShare),
          nonGovernment: pct(composition.nonGovernmentShare),
        })}{' '}
        {missing ? t('composition.missing', { missing }) : t('composition.complete')}
      </p>
      <Suspense fallback={null}>
        <CompositionChart
          rows={rows.map((r) => ({ ...r, label: enumLabel(t, 'sector', r.sector) }))}
          labels={{ members: t('composition.members'), required: t('composition.required') }}
        />
      </Suspense>
      {/* Focusable: at 360 px the table scrolls sideways, and a keyboard user must be able to scroll it too. */}
      <table className="table" tabIndex={0}>
        <caption>{t('composition.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('composition.sector')}</th>
            <th scope="col">{t('composition.members')}</th>
            <th scope="col">{t('composition.required')}</th>
            <th scope="col">{t('composition.missingCol')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.sector}>
              <th scope="row">{enumLabel(t, 'sector', r.sector)}</th>
              <td>{r.members}</td>
              <td>{r.required || '—'}</td>
              <td>{r.missing ? <strong>{r.missing}</strong> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
