import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { isRtl, useI18n } from '../i18n/i18n';

/**
 * People reached per value of one dimension. Suppressed cells have no bar and say so in their label. Hidden from
 * assistive technology: the table next to it carries the same figures. Mirrored in a right-to-left language, as
 * CompositionChart (SVG is not mirrored by dir="rtl").
 */
export default function ReachChart({ rows }: { rows: Array<{ label: string; count: number | null }> }) {
  const rtl = isRtl(useI18n().locale);
  return (
    <div className="chart-box" aria-hidden="true">
      <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 36 + 50)}>
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
            width={150}
            orientation={rtl ? 'right' : 'left'}
            tick={rtl ? { fontSize: 12, textAnchor: 'end' } : { fontSize: 12 }}
            interval={0}
          />
          <Bar dataKey="count" fill="#1b5e8c" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
