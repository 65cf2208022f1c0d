/** Renders a benchmark run (bench.json) as the Markdown table of bench/results/bench.md. */
import type { BenchReport } from './bench';

export function renderMarkdown(report: BenchReport): string {
  const t = report.targets;
  const lines: string[] = [];
  lines.push(`# Benchmark run ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC`);
  lines.push('');
  lines.push(
    `Machine: ${report.machine.cpus} CPUs, Node ${report.machine.node}, PostgreSQL ${report.machine.postgres}. ` +
      `Load: ${report.settings.connections} connections, ${report.settings.duration} s per measurement after a ` +
      `${report.settings.warmup} s warm-up; the API as ${report.settings.apiProcesses ?? 1} process(es) ` +
      `(API_PROCESSES), PostgreSQL pool ${report.settings.dbPoolSize ?? 10} per process. How to read this: bench/README.md.`,
  );
  lines.push('');
  lines.push(
    `Data set: ${Object.entries(report.database)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
  );
  lines.push('');
  const load = report.machine.loadAverage;
  lines.push(
    'Figures taken on a shared 2-core VM' +
      (load ? ` (1-minute load average ${load.start} at the start, ${load.end ?? '?'} at the end)` : '') +
      ': compare the ratios, ' +
      `measured in ${report.settings.rounds ?? 1} interleaved API / raw rounds, rather than absolute numbers.`,
  );
  lines.push('');
  lines.push(
    '| Operation | Kind | API req/s | p50 ms | p95 ms | p99 ms | Errors | SQL/req | Raw req/s | Raw p50 ms | Raw p95 ms | p50 ratio | p95 ratio | Met |',
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const s of report.scenarios) {
    lines.push(
      `| ${s.name} | ${s.kind} | ${s.api.rps} | ${s.api.p50} | ${s.api.p95} | ${s.api.p99} | ${s.api.errors} | ` +
        `${s.sqlPerRequest ?? '?'} | ${s.baseline.rps} | ${s.baseline.p50} | ${s.baseline.p95} | ${s.p50Ratio}x | ` +
        `${s.p95Ratio}x | ${s.meetsTargets ? 'yes' : `**no**: ${s.missed.join('; ')}`} |`,
    );
  }
  lines.push('');
  lines.push(
    `Targets (issue 21): reads at 1 connection p50 within ${JSON.stringify(t.readP50Ratio1)} of the raw route, ` +
      `at more connections within ${t.readP50RatioMany}x; meetingRecord at least ${t.meetingRpsShare}x the raw ` +
      `route's req/s; mutations within ${t.mutationRatio}x of their fair baselines and at most ` +
      `${t.mutationStatements} statements.`,
  );
  lines.push('');
  if (report.reminders) {
    const r = report.reminders;
    lines.push('## Reminder delivery');
    lines.push('');
    lines.push('| Measurement | Reminders | Seconds | Per second | Notes |');
    lines.push('|---|---:|---:|---:|---|');
    lines.push(
      `| One platform worker (outbox -> BullMQ -> in-app + mail) | ${r.count} | ${r.workerSeconds} | ${r.workerPerSecond} | ${r.workerNotes} |`,
    );
    lines.push(
      `| The same, recipients without an address (in-app only, no SMTP) | ${r.count} | ${r.inAppOnlySeconds} | ${r.inAppOnlyPerSecond} | isolates the cost of mail |`,
    );
    lines.push(
      `| BullMQ, empty processor, same concurrency | ${r.count} | ${r.emptySeconds} | ${r.emptyPerSecond} | same Redis |`,
    );
    lines.push('');
    const met = r.workerPerSecond >= t.remindersPerSecond && r.ratio <= t.reminderRatio;
    lines.push(
      `Ratio empty / worker: ${r.ratio}x (target: >= ${t.remindersPerSecond}/s and within ${t.reminderRatio}x): ` +
        `${met ? 'met' : '**missed**'}.`,
    );
    lines.push('');
  }
  lines.push('## Operations');
  lines.push('');
  for (const s of report.scenarios) lines.push(`- **${s.name}**: ${s.description}`);
  lines.push('');
  if (report.notes.length) {
    lines.push('## Notes');
    lines.push('');
    for (const note of report.notes) lines.push(`- ${note}`);
    lines.push('');
  }
  return lines.join('\n');
}
