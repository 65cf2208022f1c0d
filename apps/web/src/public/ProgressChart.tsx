import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { isRtl, useI18n } from '../i18n/i18n';
import type { ChartRow } from './view';

/**
 * Stacked bars of done / open / overdue per group. The colours differ in lightness as well as hue and the
 * legend names each series; the same numbers are in the table view and the CSV, so the drawing itself is hidden from
 * assistive technology (and not focusable: no accessibility layer) and the figure's caption points to the table.
 */
export default function ProgressChart({
  rows,
  labels,
}: {
  rows: ChartRow[];
  labels: { done: string; open: string; overdue: string };
}) {
  // SVG is not mirrored by dir="rtl": in Arabic the bars grow from the right, the names stand on the right, and
  // their text ends at the axis (text-anchor "end" is the left end in a right-to-left line).
  const rtl = isRtl(useI18n().locale);
  // A name in a left-to-right script (an objective in English) keeps its "…" and brackets at its own end: marks
  // (U+200E) at both ends settle the direction of those neutral characters in the right-to-left line.
  const data = rtl ? rows.map((r) => ({ ...r, short: `\u200e${r.short}\u200e` })) : rows;
  return (
    <div className="chart-box" aria-hidden="true">
      <ResponsiveContainer width="100%" height={Math.max(220, rows.length * 36 + 60)}>
        <BarChart
          data={data}
          layout="vertical"
          margin={rtl ? { left: 16, right: 8 } : { left: 8, right: 16 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} reversed={rtl} />
          <YAxis
            type="category"
            dataKey="short"
            width={230}
            orientation={rtl ? 'right' : 'left'}
            tick={rtl ? { fontSize: 12, textAnchor: 'end' } : { fontSize: 12 }}
            interval={0}
          />
          <Tooltip />
          <Legend />
          <Bar dataKey="done" name={labels.done} stackId="a" fill="#1b6e3a" />
          <Bar dataKey="open" name={labels.open} stackId="a" fill="#8fb8de" />
          <Bar dataKey="overdue" name={labels.overdue} stackId="a" fill="#b3261e" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
