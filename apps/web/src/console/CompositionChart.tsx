import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { isRtl, useI18n } from '../i18n/i18n';

/**
 * Members and required seats per sector, side by side. Hidden from assistive technology: the sentence and the
 * table next to it carry the same figures.
 */
export default function CompositionChart({
  rows,
  labels,
}: {
  rows: Array<{ label: string; members: number; required: number }>;
  labels: { members: string; required: string };
}) {
  // SVG is not mirrored by dir="rtl": in Arabic the bars grow from the right, the names stand on the right, and
  // their text ends at the axis (text-anchor "end" is the left end in a right-to-left line).
  const rtl = isRtl(useI18n().locale);
  return (
    <div className="chart-box" aria-hidden="true">
      <ResponsiveContainer width="100%" height={Math.max(200, rows.length * 40 + 60)}>
        <BarChart
          data={rows}
          layout="vertical"
          margin={rtl ? { left: 16, right: 8 } : { left: 8, right: 16 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} reversed={rtl} />
          <YAxis
            type="category"
            dataKey="label"
            width={170}
            orientation={rtl ? 'right' : 'left'}
            tick={rtl ? { fontSize: 12, textAnchor: 'end' } : { fontSize: 12 }}
            interval={0}
          />
          <Legend />
          <Bar dataKey="members" name={labels.members} fill="#1b5e8c" />
          <Bar dataKey="required" name={labels.required} fill="#c9a227" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
