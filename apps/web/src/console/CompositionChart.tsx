import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';

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
  return (
    <div className="chart-box" aria-hidden="true">
      <ResponsiveContainer width="100%" height={Math.max(200, rows.length * 40 + 60)}>
        <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={170} tick={{ fontSize: 12 }} interval={0} />
          <Legend />
          <Bar dataKey="members" name={labels.members} fill="#1b5e8c" />
          <Bar dataKey="required" name={labels.required} fill="#c9a227" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
