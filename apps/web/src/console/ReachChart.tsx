import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';

/**
 * People reached per value of one dimension. Suppressed cells have no bar and say so in their label. Hidden from
 * assistive technology: the table next to it carries the same figures.
 */
export default function ReachChart({ rows }: { rows: Array<{ label: string; count: number | null }> }) {
  return (
    <div className="chart-box" aria-hidden="true">
      <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 36 + 50)}>
        <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} interval={0} />
          <Bar dataKey="count" fill="#1b5e8c" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
