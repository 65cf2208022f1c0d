import { DigestContributorRegistry, OutboxService, PlatformRole, ReminderHandlerRegistry } from '@coord/core';
import { Meeting, MeetingKind, MeetingStatus } from '@coord/meetings';
import {
  BodyKind,
  BodyStatus,
  CoordinationBody,
  GovernanceLevel,
  Membership,
  MemberRole,
  Organization,
  StakeholderSector,
} from '@coord/registry';
import { FailFastQueue, OutboxRelay, ReminderDeliveryService, WeeklyDigest } from '@coord/reminders';
import { eventually, expectError, MailSink, TestApp, TestWorker } from '@coord/testing';
import { randomUUID } from 'node:crypto';
import { createPerson, FAILING_KIND, registerTestHandlers, scheduleReminder } from './fixtures/test-reminders';

const NOTIFICATIONS = `query($unreadOnly: Boolean, $first: Int, $after: String) {
  notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
    totalCount unreadCount pageInfo { hasNextPage endCursor }
    edges { node { id kind title body createdAt readAt } }
  }
}`;

describe('reminders: delivery in-app and by mail, moving, cancelling, failures, notifications', () => {
  let t: TestApp;
  let worker: TestWorker;
  const mail = new MailSink();
  let amina: { personId: string; token: string };
  let noEmailPersonId: string;

  const deliveriesOf = async (dedupeKey: string) =>
    t.dataSource.query(
      `SELECT n.person_id, n.title, n.created_at, i.status FROM reminder_intents i
       JOIN notifications n ON n.intent_id = i.id WHERE i.dedupe_key = $1`,
      [dedupeKey],
    );
  const intentStatus = async (dedupeKey: string) =>
    (
      await t.dataSource.query(`SELECT status FROM reminder_intents WHERE dedupe_key = $1 ORDER BY created_at DESC`, [
        dedupeKey,
      ])
    )[0]?.status;

  beforeAll(async () => {
    const smtpUrl = await mail.start();
    const env = {
      SMTP_URL: smtpUrl,
      OUTBOX_POLL_MS: '200',
      REMINDER_RETRY_BACKOFF_MS: '100',
      PUBLIC_URL: 'https://coord.example.org',
    };
    t = await TestApp.create(env);
    worker = await TestWorker.create(t.config);
    registerTestHandlers(worker.get(ReminderHandlerRegistry));
    const personId = await createPerson(t.dataSource, 'Amina Wanjiru', 'amina@example.org');
    amina = { personId, token: (await t.signIn({ role: PlatformRole.USER, personId })).token };
    noEmailPersonId = await createPerson(t.dataSource, 'Otieno (no email)', null);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await mail.stop();
  });

  it('delivers a reminder due in 2 s in-app and by mail (text and HTML with the link), not before', async () => {
    const subjectId = randomUUID();
    const key = `test:${subjectId}:due`;
    const scheduledAt = Date.now();
    await scheduleReminder(t.dataSource, {
      subjectId,
      dueInMs: 2000,
      dedupeKey: key,
      payload: { personIds: [amina.personId, noEmailPersonId], title: 'Steering committee tomorrow' },
    });
    const mails = await eventually(() => mail.to('amina@example.org').length === 1 && mail.to('amina@example.org'));
    expect(Date.now() - scheduledAt).toBeGreaterThanOrEqual(1900);
    expect(mails[0].subject).toBe('Steering committee tomorrow');
    const link = `https://coord.example.org/meetings/${subjectId}`;
    expect(mails[0].text).toContain('Steering committee meets soon.');
    expect(mails[0].text).toContain(link);
    expect(mails[0].html).toContain(`href="${link}"`);
    expect(mails[0].from).toBe('no-reply@coord.example');

    const rows = await deliveriesOf(key);
    expect(rows.map((r: any) => r.person_id).sort()).toEqual([amina.personId, noEmailPersonId].sort());
    expect(await intentStatus(key)).toBe('DONE');
    expect(mail.mails).toHaveLength(1); // the person without an address gets the in-app copy only

    const res = await t.gql(NOTIFICATIONS, {}, amina.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.notifications.unreadCount).toBe(1);
    expect(res.data.notifications.edges[0].node).toMatchObject({
      kind: 'MEETING_REMINDER',
      title: 'Steering committee tomorrow',
      readAt: null,
    });
  });

  it('delivers a reminder whose title and text exceed what a notification holds, shortened, once', async () => {
    // e.g. "Commitment assigned: " before a 300-character item title, or a digest of many long lines.
    const subjectId = randomUUID();
    const key = `test:${subjectId}:long`;
    const title = `Commitment assigned: ${'Ш'.repeat(300)}`;
    const body = 'Overdue action items\n' + '- a long line of a weekly digest\n'.repeat(700);
    await scheduleReminder(t.dataSource, {
      subjectId,
      dueInMs: 0,
      dedupeKey: key,
      payload: { personIds: [amina.personId], title, body },
    });
    const rows = await eventually(async () => {
      const r = await deliveriesOf(key);
      return r.length > 0 && r;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0].title).toBe(title.slice(0, 300));
    expect(await intentStatus(key)).toBe('DONE');
    await eventually(() => mail.mails.filter((m) => m.subject === title.slice(0, 300)).length === 1);
  });

  it('delivers a moved reminder only at its new time, once', async () => {
    const subjectId = randomUUID();
    const key = `test:${subjectId}:moved`;
    const payload = { personIds: [amina.personId], title: 'Moved reminder' };
    await scheduleReminder(t.dataSource, { subjectId, dueInMs: 1000, dedupeKey: key, payload });
    // Let the relay enqueue the first version, then move it.
    await eventually(async () => (await intentStatus(key)) === 'ENQUEUED');
    const movedAt = Date.now();
    await scheduleReminder(t.dataSource, { subjectId, dueInMs: 3000, dedupeKey: key, payload });
    const rows = await eventually(async () => {
      const r = await deliveriesOf(key);
      return r.length > 0 && r;
    });
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0].created_at).getTime() - movedAt).toBeGreaterThanOrEqual(2900);
    await eventually(() => mail.mails.filter((m) => m.subject === 'Moved reminder').length === 1);
  });

  it('delivers nothing for a cancelled reminder', async () => {
    const subjectId = randomUUID();
    await scheduleReminder(t.dataSource, {
      subjectId,
      dueInMs: 1000,
      dedupeKey: `test:${subjectId}:cancelled`,
      payload: { personIds: [amina.personId], title: 'Cancelled reminder' },
    });
    await eventually(async () => (await intentStatus(`test:${subjectId}:cancelled`)) === 'ENQUEUED');
    await t.dataSource.transaction((em) => t.app.get(OutboxService).cancel(em, 'TestSubject', subjectId));
    // A control reminder due after the cancelled one: once it has arrived, the cancelled one would have too.
    const control = randomUUID();
    await scheduleReminder(t.dataSource, {
      subjectId: control,
      dueInMs: 1500,
      dedupeKey: `test:${control}:control`,
      payload: { personIds: [amina.personId], title: 'Control reminder' },
    });
    await eventually(async () => (await deliveriesOf(`test:${control}:control`)).length === 1);
    expect(await deliveriesOf(`test:${subjectId}:cancelled`)).toHaveLength(0);
    expect(mail.mails.filter((m) => m.subject === 'Cancelled reminder')).toHaveLength(0);
    expect(await intentStatus(`test:${subjectId}:cancelled`)).toBe('CANCELLED');
  });

  it('replaces a relay queue whose Redis connection is stuck, and the reminder still goes out once', async () => {
    // A fail-fast connection cut while BullMQ initialises it fails every call for good, even with Redis back
    // ("Reached the max retries per request limit"): the relay must notice and connect afresh.
    const relay = worker.get(OutboxRelay) as unknown as { queue: FailFastQueue };
    const stuck = relay.queue.current;
    // The state BullMQ leaves such a queue in: its connection's initialisation rejected, so every call fails.
    const failed = Promise.reject(new Error('Reached the max retries per request limit (which is 1).'));
    failed.catch(() => undefined);
    (stuck.getBackend() as unknown as { connection: { initializing: Promise<unknown> } }).connection.initializing =
      failed;
    const subjectId = randomUUID();
    const key = `test:${subjectId}:stuck-queue`;
    await scheduleReminder(t.dataSource, {
      subjectId,
      dueInMs: 0,
      dedupeKey: key,
      payload: { personIds: [amina.personId], title: 'After a stuck connection' },
    });
    await eventually(() => mail.mails.some((m) => m.subject === 'After a stuck connection'), 30000);
    expect(relay.queue.current).not.toBe(stuck);
    await new Promise((r) => setTimeout(r, 500));
    expect(await deliveriesOf(key)).toHaveLength(1);
    expect(mail.mails.filter((m) => m.subject === 'After a stuck connection')).toHaveLength(1);
  });

  it('lists a reminder whose handler keeps failing for admins once its retries are spent', async () => {
    const subjectId = randomUUID();
    const key = `test:${subjectId}:failing`;
    await scheduleReminder(t.dataSource, {
      kind: FAILING_KIND,
      subjectId,
      dueInMs: 0,
      dedupeKey: key,
      payload: { personIds: [amina.personId] },
    });
    await eventually(async () => (await intentStatus(key)) === 'FAILED', 20000);
    const [intent] = await t.dataSource.query(
      `SELECT id, attempts, last_error FROM reminder_intents WHERE dedupe_key = $1`,
      [key],
    );
    expect(intent.attempts).toBe(5);
    expect(intent.last_error).toContain('the subject cannot be read');

    const admin = await t.signIn();
    const query = `{ failedReminderJobs { id name failedReason attemptsMade failedAt data } }`;
    const res = await t.gql(query, {}, admin.token);
    expect(res.errors).toBeUndefined();
    const job = res.data.failedReminderJobs.find((j: any) => j.id.startsWith(intent.id));
    expect(job).toMatchObject({ name: 'deliver-reminder', attemptsMade: 5 });
    expect(job.failedReason).toContain('the subject cannot be read');
    expect(await deliveriesOf(key)).toHaveLength(0);

    expectError(await t.gql(query, {}, amina.token), 'FORBIDDEN');
    const health = await t.http.get('/health').set('authorization', `Bearer ${admin.token}`);
    expect(health.body.reminders.queue.failed).toBeGreaterThanOrEqual(1);
  });

  it('lets an admin retry a failed job once its cause is fixed: delivered, audited; others are refused', async () => {
    const subjectId = randomUUID();
    const key = `test:${subjectId}:retried`;
    await scheduleReminder(t.dataSource, {
      kind: FAILING_KIND,
      subjectId,
      dueInMs: 0,
      dedupeKey: key,
      payload: { personIds: [amina.personId], title: 'Retried after a fix' },
    });
    await eventually(async () => (await intentStatus(key)) === 'FAILED', 20000);
    const [intent] = await t.dataSource.query(`SELECT id FROM reminder_intents WHERE dedupe_key = $1`, [key]);
    const admin = await t.signIn();
    const failed = await t.gql(`{ failedReminderJobs { id } }`, {}, admin.token);
    const jobId = failed.data.failedReminderJobs.find((j: any) => j.id.startsWith(intent.id)).id;
    const RETRY = `mutation($id: ID!) { retryFailedReminderJob(id: $id) { id name attemptsMade } }`;

    expectError(await t.gql(RETRY, { id: jobId }, amina.token), 'FORBIDDEN');
    expectError(await t.gql(RETRY, { id: 'no-such-job' }, admin.token), 'NOT_FOUND');
    expect(await intentStatus(key)).toBe('FAILED');

    // The cause is fixed (here: the reminder's kind now has a working handler), then the admin retries.
    await t.dataSource.query(`UPDATE reminder_intents SET kind = 'TEST_REMINDER' WHERE id = $1`, [intent.id]);
    const res = await t.gql(RETRY, { id: jobId }, admin.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.retryFailedReminderJob).toMatchObject({ id: jobId, name: 'deliver-reminder', attemptsMade: 0 });
    await eventually(async () => (await intentStatus(key)) === 'DONE', 20000);
    expect(await deliveriesOf(key)).toHaveLength(1);
    await eventually(() => mail.mails.some((m) => m.subject === 'Retried after a fix'));
    const after = await t.gql(`{ failedReminderJobs { id } }`, {}, admin.token);
    expect(after.data.failedReminderJobs.map((j: any) => j.id)).not.toContain(jobId);
    const events = await t.dataSource.query(
      `SELECT actor_user_id, entity_type, changes FROM audit_events WHERE action = 'reminderJob.retry' AND entity_id = $1`,
      [intent.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_user_id: admin.id, entity_type: 'ReminderIntent' });
    expect(events[0].changes.job).toEqual([null, jobId]);
    // Retrying it again: no failed job has that id any more.
    expectError(await t.gql(RETRY, { id: jobId }, admin.token), 'NOT_FOUND');
  });

  it('delivers reminders that fall due together in one batch, each once; a failing one fails alone', async () => {
    // Called directly, as the worker's jobs do: the first calls start their batches at once, the others queue
    // meanwhile and go together into the next batch. Due in an hour, so that no job of the worker runs them now.
    const delivery = worker.get(ReminderDeliveryService);
    const keys: string[] = [];
    for (let i = 0; i < 20; i++) {
      const subjectId = randomUUID();
      keys.push(`test:${subjectId}:batch`);
      await scheduleReminder(t.dataSource, {
        kind: i === 12 ? FAILING_KIND : undefined,
        subjectId,
        dueInMs: 3_600_000,
        dedupeKey: keys[i],
        payload: { personIds: [amina.personId, noEmailPersonId], title: `Batch ${i}` },
      });
    }
    const intents: Array<{ id: string; version: number }> = [];
    for (const key of keys) {
      const [row] = await t.dataSource.query(`SELECT id, version FROM reminder_intents WHERE dedupe_key = $1`, [key]);
      intents.push(row);
    }
    const results = await Promise.allSettled(intents.map((i) => delivery.deliver(i.id, i.version)));
    results.forEach((result, i) => {
      if (i === 12)
        expect(result).toMatchObject({
          status: 'rejected',
          reason: { message: expect.stringContaining('the subject cannot be read') },
        });
      else expect(result).toEqual({ status: 'fulfilled', value: 'delivered' });
    });
    // Run again (a retried job): nothing new.
    const again = await Promise.all(intents.filter((_, i) => i !== 12).map((i) => delivery.deliver(i.id, i.version)));
    expect(new Set(again)).toEqual(new Set(['already-delivered']));
    for (let i = 0; i < 20; i++) {
      expect(await deliveriesOf(keys[i])).toHaveLength(i === 12 ? 0 : 2);
      expect(await intentStatus(keys[i])).toBe(i === 12 ? 'ENQUEUED' : 'DONE');
      expect(mail.mails.filter((m) => m.subject === `Batch ${i}`)).toHaveLength(i === 12 ? 0 : 1);
    }
  });

  it('fails a reminder of a kind nobody handles at once, without retries', async () => {
    const subjectId = randomUUID();
    const key = `test:${subjectId}:unknown`;
    await scheduleReminder(t.dataSource, {
      kind: 'NOBODY_HANDLES_THIS',
      subjectId,
      dueInMs: 0,
      dedupeKey: key,
      payload: {},
    });
    await eventually(async () => (await intentStatus(key)) === 'FAILED');
    const [intent] = await t.dataSource.query(`SELECT last_error FROM reminder_intents WHERE dedupe_key = $1`, [key]);
    expect(intent.last_error).toContain('no reminder handler for kind NOBODY_HANDLES_THIS');
  });

  it('sends a weekly digest per person from the registered contributors, once per day', async () => {
    const contributors = worker.get(DigestContributorRegistry);
    contributors.register({
      name: 'test-upcoming',
      entries: async () => [
        { personId: amina.personId, section: 'Upcoming meetings', line: 'Steering committee, Thursday 10:00' },
        {
          personId: amina.personId,
          section: 'Overdue action items',
          line: 'Draft county plan',
          linkPath: '/actions/1',
        },
      ],
    });
    const digest = worker.get(WeeklyDigest);
    expect(await digest.run()).toBe(1);
    expect(await digest.run()).toBe(0); // same day: nothing new
    const mails = await eventually(() => {
      const m = mail.to('amina@example.org').filter((x) => x.subject.startsWith('Your week'));
      return m.length === 1 && m;
    });
    expect(mails[0].text).toContain('Upcoming meetings\n- Steering committee, Thursday 10:00');
    expect(mails[0].text).toContain('Overdue action items');
    const res = await t.gql(NOTIFICATIONS, {}, amina.token);
    expect(res.data.notifications.edges[0].node.kind).toBe('DIGEST');
  });

  describe('notifications and markNotificationsRead', () => {
    let other: { personId: string; token: string };
    beforeAll(async () => {
      const personId = await createPerson(t.dataSource, 'Grace Achieng', 'grace@example.org');
      other = { personId, token: (await t.signIn({ role: PlatformRole.USER, personId })).token };
      await t.dataSource.query(
        `INSERT INTO notifications (person_id, kind, title, body, link_path, created_at)
         SELECT $1, 'ACTION_DUE_REMINDER', 'Item ' || g, 'Due soon', '/actions/x', now() - g * interval '1 minute'
         FROM generate_series(1, 55) g`,
        [other.personId],
      );
    });

    it("lists only the signed-in person's own notifications, newest first, paged", async () => {
      const first = await t.gql(NOTIFICATIONS, { first: 50 }, other.token);
      expect(first.data.notifications.totalCount).toBe(55);
      expect(first.data.notifications.unreadCount).toBe(55);
      expect(first.data.notifications.edges[0].node.title).toBe('Item 1');
      expect(first.data.notifications.pageInfo.hasNextPage).toBe(true);
      const next = await t.gql(
        NOTIFICATIONS,
        { first: 50, after: first.data.notifications.pageInfo.endCursor },
        other.token,
      );
      expect(next.data.notifications.edges.map((e: any) => e.node.title)).toEqual([
        'Item 51',
        'Item 52',
        'Item 53',
        'Item 54',
        'Item 55',
      ]);
      const mine = await t.gql(NOTIFICATIONS, { first: 100 }, amina.token);
      expect(mine.data.notifications.edges.every((e: any) => !e.node.title.startsWith('Item '))).toBe(true);
    });

    it('costs the same number of SQL statements for 5 and 50 notifications', async () => {
      const five = await t.countQueries(() => t.gql(NOTIFICATIONS, { first: 5 }, other.token));
      const fifty = await t.countQueries(() => t.gql(NOTIFICATIONS, { first: 50 }, other.token));
      expect(fifty).toBe(five);
    });

    it("marks only the caller's own notifications read and counts them", async () => {
      const page = await t.gql(NOTIFICATIONS, { first: 3 }, other.token);
      const ids = page.data.notifications.edges.map((e: any) => e.node.id);
      const mark = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
      // Someone else's ids change nothing.
      const denied = await t.gql(mark, { ids }, amina.token);
      expect(denied.data.markNotificationsRead).toBe(0);
      const allowed = await t.gql(mark, { ids: [...ids, randomUUID()] }, other.token);
      expect(allowed.data.markNotificationsRead).toBe(3);
      const unread = await t.gql(NOTIFICATIONS, { unreadOnly: true, first: 100 }, other.token);
      expect(unread.data.notifications.unreadCount).toBe(52);
      expect(unread.data.notifications.totalCount).toBe(52);
      expect(unread.data.notifications.edges.some((e: any) => ids.includes(e.node.id))).toBe(false);
    });

    it('refuses ids that are not notification ids, and anonymous callers', async () => {
      const mark = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
      expectError(await t.gql(mark, { ids: ['nope'] }, other.token), 'BAD_USER_INPUT', 'ids must be notification ids');
      expectError(await t.gql(NOTIFICATIONS, {}), 'UNAUTHENTICATED');
      expectError(await t.gql(mark, { ids: [randomUUID()] }), 'UNAUTHENTICATED');
    });

    it('gives a user who is not a person an empty list', async () => {
      const admin = await t.signIn();
      const res = await t.gql(NOTIFICATIONS, {}, admin.token);
      expect(res.data.notifications).toEqual({
        totalCount: 0,
        unreadCount: 0,
        pageInfo: { hasNextPage: false, endCursor: null },
        edges: [],
      });
    });
  });

  describe('what a notification is about (meeting, actionItem)', () => {
    const SUBJECTS = `{ notifications(first: 10) { edges { node { title meeting { id title } actionItem { id title } } } } }`;

    it('resolves the meeting and action item for a person who may read them, and null for one who may not', async () => {
      const body = await t.dataSource.getRepository(CoordinationBody).save({
        name: 'Technical working group on labour migration',
        kind: BodyKind.TECHNICAL_WORKING_GROUP,
        level: GovernanceLevel.NATIONAL,
        status: BodyStatus.ACTIVE,
        timezone: 'Africa/Nairobi',
        isPublic: false,
      });
      const organization = await t.dataSource.getRepository(Organization).save({
        name: 'Ministry of Labour',
        sector: StakeholderSector.NATIONAL_GOVERNMENT,
        level: GovernanceLevel.NATIONAL,
      });
      const memberId = await createPerson(t.dataSource, 'Member of the group', null);
      const outsiderId = await createPerson(t.dataSource, 'Outsider', null);
      await t.dataSource.getRepository(Membership).save({
        bodyId: body.id,
        personId: memberId,
        organizationId: organization.id,
        role: MemberRole.MEMBER,
        votingRights: true,
        startsOn: '2020-01-01',
        endsOn: null,
      });
      const meeting = await t.dataSource.getRepository(Meeting).save({
        bodyId: body.id,
        title: 'Quarterly meeting',
        kind: MeetingKind.ORDINARY,
        status: MeetingStatus.SCHEDULED,
        startsAt: new Date(Date.now() + 86400000),
        endsAt: new Date(Date.now() + 90000000),
        timezone: 'Africa/Nairobi',
      });
      const [item] = await t.dataSource.query(
        `INSERT INTO action_items (body_id, title, owner_person_id) VALUES ($1, 'Draft the labour mobility plan', $2)
         RETURNING id`,
        [body.id, memberId],
      );
      for (const personId of [memberId, outsiderId]) {
        await t.dataSource.query(
          `INSERT INTO notifications (person_id, kind, title, body, link_path, meeting_id, action_item_id)
           VALUES ($1, 'MEETING_REMINDER', 'About the group', 'text', '/meetings/x', $2, $3)`,
          [personId, meeting.id, item.id],
        );
      }
      const member = await t.signIn({ role: PlatformRole.USER, personId: memberId });
      const outsider = await t.signIn({ role: PlatformRole.USER, personId: outsiderId });

      const allowed = await t.gql(SUBJECTS, {}, member.token);
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data.notifications.edges[0].node).toEqual({
        title: 'About the group',
        meeting: { id: meeting.id, title: 'Quarterly meeting' },
        actionItem: { id: item.id, title: 'Draft the labour mobility plan' },
      });
      // Constant cost: 5 or 50 notifications about as many meetings and items cost the same SQL statements.
      for (let i = 0; i < 50; i++) {
        const m = await t.dataSource.getRepository(Meeting).save({
          bodyId: body.id,
          title: `Meeting ${i}`,
          kind: MeetingKind.ORDINARY,
          status: MeetingStatus.SCHEDULED,
          startsAt: meeting.startsAt,
          endsAt: meeting.endsAt,
          timezone: 'Africa/Nairobi',
        });
        const [it] = await t.dataSource.query(
          `INSERT INTO action_items (body_id, title, owner_person_id) VALUES ($1, $2, $3) RETURNING id`,
          [body.id, `Item ${i}`, memberId],
        );
        await t.dataSource.query(
          `INSERT INTO notifications (person_id, kind, title, body, link_path, meeting_id, action_item_id, created_at)
           VALUES ($1, 'MEETING_REMINDER', 'Older', 'text', '/meetings/x', $2, $3, now() - interval '1 day')`,
          [memberId, m.id, it.id],
        );
      }
      const page = (n: number) =>
        `{ notifications(first: ${n}) { edges { node { meeting { id title } actionItem { id title } } } } }`;
      const five = await t.countQueries(() => t.gql(page(5), {}, member.token));
      const fifty = await t.countQueries(() => t.gql(page(50), {}, member.token));
      expect(fifty).toBe(five);

      const denied = await t.gql(SUBJECTS, {}, outsider.token);
      expect(denied.errors).toBeUndefined();
      expect(denied.data.notifications.edges[0].node).toEqual({
        title: 'About the group',
        meeting: null,
        actionItem: null,
      });
    });
  });
});
