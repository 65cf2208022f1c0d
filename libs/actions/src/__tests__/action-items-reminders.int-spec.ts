import { DigestContributorRegistry, formatDay, ReminderHandlerRegistry, render } from '@coord/core';
import { TestApp } from '@coord/testing';
import { ActionItemsSeed, seedActionItems } from './action-items-setup';
import { dayIn, REPORT } from './fixtures';

/** What the action reminders and the weekly digest say about action items, and to whom. */
describe('action items: create, update, report progress', () => {
  let t: TestApp;
  let csoFocal: ActionItemsSeed['csoFocal'];
  let otherFocal: ActionItemsSeed['otherFocal'];
  let owner: ActionItemsSeed['owner'];
  let ids: ActionItemsSeed['ids'];
  let create: ActionItemsSeed['create'];
  let intents: ActionItemsSeed['intents'];

  beforeAll(async () => {
    t = await TestApp.create();
    ({ csoFocal, otherFocal, owner, ids, create, intents } = await seedActionItems(t));
  });
  afterAll(() => t.close());

  it('computes reminder recipients at delivery: owner, then chair and secretariat; nothing once done', async () => {
    const item = await create({
      title: 'Escalate me',
      ownerPersonId: owner.person.id,
      dueOn: dayIn('Africa/Nairobi', -2),
    });
    const handlers = t.app.get(ReminderHandlerRegistry);
    const rows = await intents(item.id);
    const deliver = async (kind: string) => {
      const row = rows.find((r: { kind: string }) => r.kind === kind);
      const intent = {
        id: 'x',
        kind,
        subjectType: 'ActionItem',
        subjectId: item.id,
        dueAt: new Date(),
        payload: row.payload,
      };
      return handlers.handlerFor(kind)!.messagesFor(intent, t.dataSource.manager);
    };
    expect((await deliver('ACTION_OVERDUE')).map((m) => m.personId)).toEqual([owner.person.id]);
    const escalated = await deliver('ACTION_ESCALATED');
    expect(escalated.map((m) => m.personId)).toHaveLength(2);
    expect(escalated.map((m) => m.personId)).toContain(ids.secretariat);
    expect(escalated[0]).toMatchObject({
      kind: 'ACTION_ESCALATED',
      actionItemId: item.id,
      linkPath: `/action-items/${item.id}`,
    });
    await t.gql(REPORT, { id: item.id, input: { note: 'done', status: 'DONE' } }, owner.token);
    expect(await deliver('ACTION_OVERDUE')).toEqual([]);
  });

  it('reads a delivery batch of reminders in a constant number of queries, with the same messages as one by one', async () => {
    const late = dayIn('Africa/Nairobi', -2);
    const made = [
      ...(await Promise.all(
        [1, 2, 3, 4, 5, 6].map((n) =>
          create({
            title: `Batch item ${n}`,
            dueOn: late,
            ...(n % 2 ? { ownerPersonId: owner.person.id } : { ownerOrganizationId: n % 4 ? ids.cso : ids.otherCso }),
          }),
        ),
      )),
    ];
    const rows: Array<{ id: string; kind: string; subject_id: string; payload: Record<string, unknown> }> =
      await t.dataSource.query(
        `SELECT id, kind, subject_id, payload FROM reminder_intents
         WHERE subject_id = ANY($1::uuid[]) AND kind IN ('ACTION_ASSIGNED', 'ACTION_OVERDUE', 'ACTION_ESCALATED')
         ORDER BY subject_id, kind`,
        [made.map((item: { id: string }) => item.id)],
      );
    const due = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      subjectType: 'ActionItem',
      subjectId: r.subject_id,
      dueAt: new Date(),
      payload: r.payload,
    }));
    expect(due.length).toBe(18);
    // An outdated intent (the owner changed since) is left out of the batch's answer.
    const stale = { ...due[0], id: 'stale', kind: 'ACTION_ASSIGNED', payload: { ownerPersonId: ids.secretariat } };
    const handler = t.app.get(ReminderHandlerRegistry).handlerFor('ACTION_OVERDUE')!;
    const em = t.dataSource.manager;
    let batch = new Map<string, unknown>();
    const queries = await t.countQueries(async () => {
      batch = await handler.messagesForMany!([...due, stale], em);
    });
    expect(queries).toBeLessThanOrEqual(4);
    expect(await t.countQueries(() => handler.messagesForMany!(due.slice(0, 3), em))).toBeLessThanOrEqual(4);
    expect(batch.has('stale')).toBe(false);
    for (const intent of due) {
      expect(batch.get(intent.id) ?? []).toEqual(await handler.messagesFor(intent, em));
    }
    const recipients = (kind: string, n: number) =>
      (
        (batch.get(due.find((d) => d.kind === kind && d.subjectId === made[n - 1].id)!.id) ?? []) as Array<{
          personId: string;
        }>
      ).map((m) => m.personId);
    expect(recipients('ACTION_OVERDUE', 1)).toEqual([owner.person.id]);
    expect(recipients('ACTION_OVERDUE', 2)).toEqual([csoFocal.person.id]);
    expect(recipients('ACTION_ASSIGNED', 4)).toEqual([otherFocal.person.id]);
    expect(recipients('ACTION_ESCALATED', 5).sort()).toEqual(recipients('ACTION_ESCALATED', 6).sort());
    expect(recipients('ACTION_ESCALATED', 5)).toContain(ids.secretariat);
    // What each kind says, word for word (as the per-intent handler said it before batching).
    const said = (kind: string, n: number) =>
      (
        batch.get(due.find((d) => d.kind === kind && d.subjectId === made[n - 1].id)!.id) as Array<{
          kind: string;
          title: string;
          body: string;
          linkPath: string;
          actionItemId: string;
        }>
      )[0];
    const body = 'National Coordination Mechanism on Migration';
    const lateText = formatDay('en', late); // e.g. 29 November 2026
    expect(said('ACTION_ASSIGNED', 1)).toMatchObject({
      kind: 'ACTION_ASSIGNED',
      title: 'Action assigned: Batch item 1',
      body: `You are responsible for "Batch item 1" on ${body} (due ${lateText}).`,
      linkPath: `/action-items/${made[0].id}`,
      actionItemId: made[0].id,
    });
    expect(said('ACTION_OVERDUE', 2)).toMatchObject({
      title: 'Overdue: Batch item 2',
      body: `"Batch item 2" on ${body} was due on ${lateText} and is 0% done. Report progress or agree a new date with the secretariat.`,
    });
    expect(said('ACTION_ESCALATED', 3)).toMatchObject({
      title: 'Escalated: Batch item 3 is overdue',
      body: `"Batch item 3" on ${body} was due on ${lateText} and is still open (0% done).`,
    });
  });

  it('adds the owners’ due-this-week and overdue items to the weekly digest', async () => {
    const soon = await create({ title: 'Due soon', ownerOrganizationId: ids.cso, dueOn: dayIn('Africa/Nairobi', 3) });
    const late = await create({ title: 'Late', ownerPersonId: owner.person.id, dueOn: dayIn('Africa/Nairobi', -1) });
    await create({ title: 'Far off', ownerPersonId: owner.person.id, dueOn: dayIn('Africa/Nairobi', 60) });
    const contributor = t.app
      .get(DigestContributorRegistry)
      .all()
      .find((c) => c.name === 'actions')!;
    const now = new Date();
    const entries = await contributor.entries(
      { now, until: new Date(now.getTime() + 7 * 86400_000) },
      t.dataSource.manager,
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        personId: csoFocal.person.id,
        section: 'digest.section.actionsDueThisWeek',
        linkPath: `/action-items/${soon.id}`,
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        personId: owner.person.id,
        section: 'digest.section.overdueActions',
        linkPath: `/action-items/${late.id}`,
      }),
    );
    expect(entries.some((e) => typeof e.line !== 'string' && render('en', e.line).startsWith('Far off'))).toBe(false);
  });
});
