import { bodyWithMembers, TEST_ENV } from '../../../meetings/src/__tests__/fixtures';
import { eventually, TestApp, TestWorker } from '@coord/testing';
import { Queue } from 'bullmq';
import { bullConnection, QueueName, ReminderJobName } from '../reminders.constants';

/**
 * Features' periodic tasks run through BullMQ job schedulers that the worker's relay keeps (one per task): here the
 * meeting series' extension, which creates the occurrences that have come within 12 months.
 */
describe('periodic tasks', () => {
  let t: TestApp;
  let worker: TestWorker;
  let queue: Queue;

  beforeAll(async () => {
    t = await TestApp.create({ ...TEST_ENV, OUTBOX_POLL_MS: '200' });
    worker = await TestWorker.create(t.config);
    queue = new Queue(QueueName.REMINDERS, {
      connection: bullConnection(t.config.REDIS_URL, false),
      prefix: t.config.REDIS_PREFIX,
    });
  });
  afterAll(async () => {
    await queue?.close();
    await worker?.close();
    await t?.close();
  });

  it('keeps a job scheduler for the series extension, whose job creates the missing occurrences once', async () => {
    const scheduler = await eventually(() => queue.getJobScheduler('task:meeting-series.extend'));
    expect(Number(scheduler.every)).toBe(6 * 3600 * 1000);

    const b = await bodyWithMembers(t);
    const res = await t.gql(
      `mutation($input: MeetingSeriesInput!) { scheduleMeetingSeries(input: $input) { id } }`,
      {
        input: {
          bodyId: b.body.id,
          title: 'Monthly TWG',
          recurrenceRule: 'FREQ=MONTHLY;BYDAY=2TU',
          startsOn: new Date().toISOString().slice(0, 10),
          localStartTime: '10:00',
          durationMinutes: 60,
          timezone: 'Africa/Nairobi',
        },
      },
      b.chair.token,
    );
    const id = res.data.scheduleMeetingSeries.id;
    const count = async () =>
      Number((await t.dataSource.query(`SELECT count(*) AS n FROM meetings WHERE series_id = $1`, [id]))[0].n);
    const full = await count();
    // As if the series had been created with a shorter horizon: the last occurrences are not there yet.
    const [{ cut }] = await t.dataSource.query(
      `SELECT to_char(series_day, 'YYYY-MM-DD') AS cut FROM meetings WHERE series_id = $1 ORDER BY series_day OFFSET 5 LIMIT 1`,
      [id],
    );
    await t.dataSource.query(`DELETE FROM meetings WHERE series_id = $1 AND series_day >= $2`, [id, cut]);
    await t.dataSource.query(`UPDATE meeting_series SET generated_until = $2::date - 1 WHERE id = $1`, [id, cut]);
    expect(await count()).toBe(5);

    await queue.add(ReminderJobName.PERIODIC_TASK, { task: 'meeting-series.extend' });
    await eventually(async () => (await count()) === full, 30000);
    // A second run finds nothing to do.
    const again = await queue.add(ReminderJobName.PERIODIC_TASK, { task: 'meeting-series.extend' });
    await eventually(async () => (await queue.getJobState(again.id!)) === 'completed', 30000);
    expect(await count()).toBe(full);
  });
});
