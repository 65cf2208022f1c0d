import { ReminderHandlerRegistry } from '@coord/core';
import { MemberRole } from '@coord/registry';
import { expectError, TestApp } from '@coord/testing';
import { ActionsReadService } from '../actions-read.service';
import { ActionItemsSeed, seedActionItems } from './action-items-setup';
import { dayIn, REPORT, RegistryFixture } from './fixtures';

/** Reporting progress on action items: who may report, the workflow and the append-only trail. */
describe('action items: create, update, report progress', () => {
  let t: TestApp;
  let f: RegistryFixture;
  let chair: string;
  let member: string;
  let csoFocal: ActionItemsSeed['csoFocal'];
  let otherFocal: ActionItemsSeed['otherFocal'];
  let owner: ActionItemsSeed['owner'];
  let ids: ActionItemsSeed['ids'];
  let create: ActionItemsSeed['create'];
  let count: ActionItemsSeed['count'];
  let intents: ActionItemsSeed['intents'];

  beforeAll(async () => {
    t = await TestApp.create();
    ({ f, chair, member, csoFocal, otherFocal, owner, ids, create, count, intents } = await seedActionItems(t));
  });
  afterAll(() => t.close());

  it('lets a civil-society focal point report on their organization’s commitment and not on another’s', async () => {
    const mine = await create({
      title: 'Paralegal clinics in 5 counties',
      isCommitment: true,
      ownerOrganizationId: ids.cso,
    });
    const theirs = await create({ title: 'Legal aid hotline', isCommitment: true, ownerOrganizationId: ids.otherCso });
    const ok = await t.gql(
      REPORT,
      { id: mine.id, input: { note: 'Two clinics open', progressPercent: 40, status: 'IN_PROGRESS' } },
      csoFocal.token,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data.reportProgress).toMatchObject({ status: 'IN_PROGRESS', progressPercent: 40 });
    expect(ok.data.reportProgress.updates).toEqual([
      { note: 'Two clinics open', progressPercent: 40, status: 'IN_PROGRESS', author: { id: csoFocal.person.id } },
    ]);
    const denied = await t.gql(
      REPORT,
      { id: theirs.id, input: { note: 'Not mine', progressPercent: 10 } },
      csoFocal.token,
    );
    expectError(denied, 'FORBIDDEN', /owner/);
    expect(await count('SELECT count(*) FROM action_updates WHERE action_item_id = $1', [theirs.id])).toBe(0);
    const byOther = await t.gql(
      REPORT,
      { id: theirs.id, input: { note: 'Hotline live', progressPercent: 10 } },
      otherFocal.token,
    );
    expect(byOther.errors).toBeUndefined();
  });

  it('gives a focal point seated by another body no reach into this body’s items of their organization', async () => {
    // Any body's managers may seat anyone as focal point of any organization: that seat must not open the items of
    // that organization on bodies those managers cannot read.
    const elsewhere = await f.body('Unrelated county forum', { isPublic: true });
    const seated = await f.signedInPerson('Self-seated focal point', ids.cso, {
      bodyId: elsewhere.id,
      role: MemberRole.FOCAL_POINT,
    });
    const task = await create({ title: 'Internal brief on refugee returns', ownerOrganizationId: ids.cso });
    const pledge = await create({ title: 'Open pledge', isCommitment: true, ownerOrganizationId: ids.cso });
    const read = `query($id: ID!) { actionItem(id: $id) { title } }`;
    expectError(await t.gql(read, { id: task.id }, seated.token), 'NOT_FOUND');
    expectError(
      await t.gql(REPORT, { id: pledge.id, input: { note: 'Done, trust me', progressPercent: 90 } }, seated.token),
      'FORBIDDEN',
    );
    const mine = await t.gql(`query { myActionItems { edges { node { id } } } }`, {}, seated.token);
    expect(mine.data.myActionItems.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(task.id);
    // The focal point seated on the body itself still reads and reports.
    expect((await t.gql(read, { id: task.id }, csoFocal.token)).data.actionItem).toEqual({
      title: 'Internal brief on refugee returns',
    });
    // Reminders (read at delivery) and the digest go to the focal point of this body only.
    const [assigned] = await intents(task.id);
    const messages = await t.app
      .get(ReminderHandlerRegistry)
      .handlerFor('ACTION_ASSIGNED')!
      .messagesFor(
        { ...assigned, id: 'x', subjectType: 'ActionItem', subjectId: task.id, dueAt: new Date() },
        t.dataSource.manager,
      );
    expect(messages.map((m) => m.personId)).toEqual([csoFocal.person.id]);
  });

  it('lets the owner person report, but not a member who does not own the item', async () => {
    const item = await create({ title: 'Draft the BLA annex', ownerPersonId: owner.person.id });
    expect((await t.gql(REPORT, { id: item.id, input: { note: 'Started' } }, owner.token)).errors).toBeUndefined();
    expectError(await t.gql(REPORT, { id: item.id, input: { note: 'Me too' } }, member), 'FORBIDDEN');
    // The chair edits every item of the body, progress included; every report is audited.
    expect(
      (await t.gql(REPORT, { id: item.id, input: { note: 'Chased', progressPercent: 5 } }, chair)).errors,
    ).toBeUndefined();
    expect(
      await count(`SELECT count(*) FROM audit_events WHERE entity_id = $1 AND action = 'actionItem.reportProgress'`, [
        item.id,
      ]),
    ).toBe(2);
    expect(await count('SELECT count(*) FROM action_updates WHERE action_item_id = $1', [item.id])).toBe(2);
  });

  it('refuses progress outside 0..100 and writes nothing', async () => {
    const item = await create({ title: 'Range check', ownerPersonId: owner.person.id });
    for (const progressPercent of [101, -5]) {
      const res = await t.gql(REPORT, { id: item.id, input: { note: 'too much', progressPercent } }, owner.token);
      expectError(res, 'BAD_USER_INPUT', /0 to 100/);
    }
    expect(await count('SELECT count(*) FROM action_updates WHERE action_item_id = $1', [item.id])).toBe(0);
  });

  it('follows the workflow: DONE completes and drops reminders, a refused transition is a CONFLICT, reopening is explicit', async () => {
    const item = await create({ title: 'Workflow', ownerPersonId: owner.person.id, dueOn: dayIn('UTC', 20) });
    const done = await t.gql(REPORT, { id: item.id, input: { note: 'Finished', status: 'DONE' } }, owner.token);
    expect(done.data.reportProgress).toMatchObject({ status: 'DONE', progressPercent: 100 });
    expect(done.data.reportProgress.completedAt).toBeTruthy();
    const active = (await intents(item.id)).filter((r: { status: string }) => r.status === 'PENDING');
    expect(active).toEqual([]);

    expectError(
      await t.gql(REPORT, { id: item.id, input: { note: 'x', status: 'BLOCKED' } }, owner.token),
      'CONFLICT',
      /DONE cannot become BLOCKED.*OPEN, IN_PROGRESS/,
    );
    expectError(
      await t.gql(REPORT, { id: item.id, input: { note: 'x', progressPercent: 50 } }, owner.token),
      'CONFLICT',
      /reopen/,
    );

    const reopened = await t.gql(
      REPORT,
      { id: item.id, input: { note: 'Found a gap', status: 'IN_PROGRESS', progressPercent: 80 } },
      owner.token,
    );
    expect(reopened.data.reportProgress).toMatchObject({
      status: 'IN_PROGRESS',
      progressPercent: 80,
      completedAt: null,
    });
    const pending = (await intents(item.id)).filter((r: { status: string }) => r.status === 'PENDING');
    expect(pending.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'ACTION_DUE_REMINDER',
      'ACTION_DUE_REMINDER',
      'ACTION_ESCALATED',
      'ACTION_OVERDUE',
    ]);
    expect(
      await count(`SELECT count(*) FROM audit_events WHERE entity_id = $1 AND action = 'actionItem.reopen'`, [item.id]),
    ).toBe(1);
  });

  it('keeps the progress trail append-only in the database', async () => {
    await expect(t.dataSource.query(`UPDATE action_updates SET note = 'rewritten'`)).rejects.toThrow(/permanent trail/);
    await expect(t.dataSource.query(`DELETE FROM action_updates`)).rejects.toThrow(/permanent trail/);
  });

  it('applies a report to the item as it is when written, not as it was read before a concurrent change', async () => {
    const reader = t.app.get(ActionsReadService);
    const read = reader.requireVisibleVersion.bind(reader);
    /** The report reads the item, then `change` commits before the report writes. */
    const reportAfter = async (id: string, change: string, input: Record<string, unknown>) => {
      const spy = jest.spyOn(reader, 'requireVisibleVersion').mockImplementationOnce(async (...args) => {
        const seen = await read(...args);
        await t.dataSource.query(change, [id]);
        return seen;
      });
      try {
        return await t.gql(
          `mutation($id: ID!, $input: ActionProgressInput!) { reportProgress(id: $id, input: $input) {
            title status progressPercent updates { note } } }`,
          { id, input },
          owner.token,
        );
      } finally {
        spy.mockRestore();
      }
    };

    const closed = await create({ title: 'Closed meanwhile', ownerPersonId: owner.person.id });
    expectError(
      await reportAfter(
        closed.id,
        `UPDATE action_items SET status = 'DONE', progress_percent = 100, completed_at = now() WHERE id = $1`,
        { note: 'Halfway', progressPercent: 50 },
      ),
      'CONFLICT',
      /reopen/,
    );
    expect(await count(`SELECT count(*) FROM action_updates WHERE action_item_id = $1`, [closed.id])).toBe(0);

    const renamed = await create({ title: 'Renamed meanwhile', ownerPersonId: owner.person.id });
    const res = await reportAfter(renamed.id, `UPDATE action_items SET title = 'New title' WHERE id = $1`, {
      note: 'Halfway',
      progressPercent: 50,
    });
    expect(res.data.reportProgress).toEqual({
      title: 'New title',
      status: 'OPEN',
      progressPercent: 50,
      updates: [{ note: 'Halfway' }],
    });
    const [event] = await t.dataSource.query(
      `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'actionItem.reportProgress'`,
      [renamed.id],
    );
    expect(Object.keys(event.changes).sort()).toEqual(['note', 'progressPercent']);

    // A note alone changes nothing of the item (its updated_at stays) and still waits for a concurrent change.
    const updatedAt = async () =>
      (await t.dataSource.query(`SELECT updated_at FROM action_items WHERE id = $1`, [renamed.id]))[0].updated_at;
    const stamp = await updatedAt();
    const noted = await reportAfter(renamed.id, `UPDATE action_items SET progress_percent = 60 WHERE id = $1`, {
      note: 'Still halfway',
    });
    expect(noted.data.reportProgress).toMatchObject({
      progressPercent: 60,
      updates: [{ note: 'Halfway' }, { note: 'Still halfway' }],
    });
    expect(await updatedAt()).toEqual(stamp);
  });
});
