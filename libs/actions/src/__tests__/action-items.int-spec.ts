import { DigestContributorRegistry, formatDay, ReminderHandlerRegistry, render } from '@coord/core';
import { MemberRole, StakeholderSector } from '@coord/registry';
import { expectError, TestApp } from '@coord/testing';
import { ActionItemsReader } from '../action-items.reader';
import { CREATE, dayIn, REPORT, RegistryFixture } from './fixtures';

/** Creating, editing and reporting on action items: permissions, workflow, audit and reminder intents. */
describe('action items: create, update, report progress', () => {
  let t: TestApp;
  let f: RegistryFixture;
  let admin: string;
  let chair: string;
  let member: string;
  let outsider: string;
  let csoFocal: { person: { id: string }; token: string };
  let otherFocal: { person: { id: string }; token: string };
  let owner: { person: { id: string }; token: string };
  let ids: Record<string, string> = {};

  const create = async (input: Record<string, unknown>, token = chair) => {
    const res = await t.gql(CREATE, { input: { bodyId: ids.ncm, ...input } }, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.createActionItem;
  };
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(sql, params))[0].count);
  const intents = (id: string) =>
    t.dataSource.query(
      `SELECT kind, dedupe_key, due_at, status, payload FROM reminder_intents WHERE subject_id = $1 ORDER BY created_at, dedupe_key`,
      [id],
    );

  beforeAll(async () => {
    t = await TestApp.create();
    f = new RegistryFixture(t);
    admin = (await t.signIn()).token;
    const ministry = await f.organization('Ministry of Interior');
    const cso = await f.organization('Refugee Consortium of Kenya', StakeholderSector.CIVIL_SOCIETY);
    const otherCso = await f.organization('Kituo Cha Sheria', StakeholderSector.CIVIL_SOCIETY);
    const ncm = await f.body('National Coordination Mechanism on Migration', { isPublic: true });
    const twg = await f.body('Labour Migration TWG', { isPublic: false });
    ids = { ministry: ministry.id, cso: cso.id, otherCso: otherCso.id, ncm: ncm.id, twg: twg.id };
    chair = (await f.signedInPerson('Chair Person', ministry.id, { bodyId: ncm.id, role: MemberRole.CHAIR })).token;
    const secretariat = await f.signedInPerson('Secretariat Person', ministry.id, {
      bodyId: ncm.id,
      role: MemberRole.SECRETARIAT,
    });
    ids.secretariat = secretariat.person.id;
    ids.secretariatToken = secretariat.token;
    member = (await f.signedInPerson('Plain Member', ministry.id, { bodyId: ncm.id, role: MemberRole.MEMBER })).token;
    outsider = (await f.signedInPerson('Outsider', ministry.id)).token;
    csoFocal = await f.signedInPerson('CSO Focal', cso.id, { bodyId: ncm.id, role: MemberRole.FOCAL_POINT });
    otherFocal = await f.signedInPerson('Other Focal', otherCso.id, { bodyId: ncm.id, role: MemberRole.FOCAL_POINT });
    owner = await f.signedInPerson('Owner Person', ministry.id);
  });
  afterAll(() => t.close());

  it('lets the chair create an item with framework targets, audited, with reminder intents', async () => {
    const dueOn = dayIn('Africa/Nairobi', 30);
    const item = await create({
      title: 'Publish the national labour migration policy',
      ownerPersonId: owner.person.id,
      ownerOrganizationId: ids.ministry,
      dueOn,
      frameworkCodes: ['GCM-6', 'SDG-10.7.2'],
    });
    expect(item).toMatchObject({ status: 'OPEN', progressPercent: 0, isOverdue: false, dueOn, completedAt: null });
    expect(item.frameworkTargets.map((x: { code: string }) => x.code).sort()).toEqual(['GCM-6', 'SDG-10.7.2']);
    expect(
      await count(`SELECT count(*) FROM audit_events WHERE entity_id = $1 AND action = 'actionItem.create'`, [item.id]),
    ).toBe(1);
    const rows = await intents(item.id);
    expect(rows.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'ACTION_ASSIGNED',
      'ACTION_DUE_REMINDER',
      'ACTION_DUE_REMINDER',
      'ACTION_ESCALATED',
      'ACTION_OVERDUE',
    ]);
    const p1d = rows.find((r: { dedupe_key: string }) => r.dedupe_key.endsWith(':due:P1D'));
    // 09:00 in Nairobi (UTC+3) the day before the due date.
    expect(new Date(p1d.due_at).toISOString()).toBe(`${dayIn('Africa/Nairobi', 29)}T06:00:00.000Z`);
  });

  it('rejects an unknown framework code with the valid form, writing nothing', async () => {
    const before = await count('SELECT count(*) FROM action_items');
    const res = await t.gql(
      CREATE,
      { input: { bodyId: ids.ncm, title: 'x', ownerOrganizationId: ids.ministry, frameworkCodes: ['GCM16'] } },
      chair,
    );
    expectError(res, 'BAD_USER_INPUT', /Unknown framework code GCM16.*GCM-16, SDG-10\.7\.2/);
    expect(await count('SELECT count(*) FROM action_items')).toBe(before);
  });

  it('refuses unknown codes, then an unknown owner person, then an unknown owner organization, writing nothing', async () => {
    const before = await count('SELECT count(*) FROM action_items');
    const nobody = '00000000-0000-4000-8000-00000000abcd';
    const input = { bodyId: ids.ncm, title: 'x', ownerPersonId: nobody, ownerOrganizationId: nobody };
    expectError(
      await t.gql(CREATE, { input: { ...input, frameworkCodes: ['GCM-16', 'GCM16'] } }, chair),
      'BAD_USER_INPUT',
      /Unknown framework code GCM16/,
    );
    expectError(await t.gql(CREATE, { input: { ...input, frameworkCodes: ['GCM-16'] } }, chair), 'NOT_FOUND', /Person/);
    expectError(
      await t.gql(CREATE, { input: { ...input, ownerPersonId: owner.person.id } }, chair),
      'NOT_FOUND',
      /Organization/,
    );
    expect(await count('SELECT count(*) FROM action_items')).toBe(before);
  });

  it('refuses a blank title with a message saying so, on create and on update', async () => {
    const res = await t.gql(
      CREATE,
      { input: { bodyId: ids.ncm, title: '   ', ownerOrganizationId: ids.ministry } },
      chair,
    );
    expectError(res, 'BAD_USER_INPUT', /title must not be blank/);
    const item = await create({ title: 'Named item', ownerOrganizationId: ids.ministry });
    const update = await t.gql(
      `mutation($id: ID!) { updateActionItem(id: $id, input: { title: " " }) { id } }`,
      { id: item.id },
      chair,
    );
    expectError(update, 'BAD_USER_INPUT', /title must not be blank/);
  });

  it('requires an owner', async () => {
    const res = await t.gql(CREATE, { input: { bodyId: ids.ncm, title: 'Nobody does this' } }, chair);
    expectError(res, 'BAD_USER_INPUT', /needs an owner/);
  });

  it('lets only the managing roles create items: a member is FORBIDDEN, an outsider of a private body NOT_FOUND', async () => {
    const input = { title: 'x', ownerOrganizationId: ids.ministry };
    expectError(await t.gql(CREATE, { input: { bodyId: ids.ncm, ...input } }, member), 'FORBIDDEN');
    expectError(await t.gql(CREATE, { input: { bodyId: ids.twg, ...input } }, outsider), 'NOT_FOUND');
    expectError(await t.gql(CREATE, { input: { bodyId: ids.ncm, ...input } }), 'UNAUTHENTICATED');
    const res = await t.gql(CREATE, { input: { bodyId: ids.twg, ...input } }, admin);
    expect(res.errors).toBeUndefined();
    const bySecretariat = await t.gql(CREATE, { input: { bodyId: ids.ncm, ...input } }, ids.secretariatToken);
    expect(bySecretariat.errors).toBeUndefined();
  });

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

  it('applies a report to the item as it is when written, not as it was read before a concurrent change', async () => {
    const reader = t.app.get(ActionItemsReader);
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

  it('moves pending reminders when the due date moves and notifies a new owner', async () => {
    const item = await create({ title: 'Move me', ownerPersonId: owner.person.id, dueOn: dayIn('Africa/Nairobi', 20) });
    const before = await intents(item.id);
    const newDue = dayIn('Africa/Nairobi', 40);
    const res = await t.gql(
      `mutation($id: ID!, $input: ActionItemUpdateInput!) { updateActionItem(id: $id, input: $input) { dueOn ownerPerson { id } } }`,
      { id: item.id, input: { dueOn: newDue, ownerPersonId: csoFocal.person.id } },
      chair,
    );
    expect(res.errors).toBeUndefined();
    const after = await intents(item.id);
    const overdueBefore = before.find((r: { kind: string }) => r.kind === 'ACTION_OVERDUE');
    const overdueAfter = after.filter(
      (r: { kind: string; status: string }) => r.kind === 'ACTION_OVERDUE' && r.status === 'PENDING',
    );
    expect(overdueAfter).toHaveLength(1);
    expect(overdueAfter[0].dedupe_key).toBe(overdueBefore.dedupe_key);
    expect(new Date(overdueAfter[0].due_at).toISOString()).toBe(`${dayIn('Africa/Nairobi', 41)}T06:00:00.000Z`); // 09:00 in Nairobi
    const assigned = after.filter((r: { kind: string }) => r.kind === 'ACTION_ASSIGNED');
    expect(assigned.map((r: { payload: { ownerPersonId: string } }) => r.payload.ownerPersonId).sort()).toEqual(
      [owner.person.id, csoFocal.person.id].sort(),
    );
    expect(
      await count(`SELECT count(*) FROM audit_events WHERE entity_id = $1 AND action = 'actionItem.update'`, [item.id]),
    ).toBe(1);
    expectError(
      await t.gql(
        `mutation($id: ID!) { updateActionItem(id: $id, input: { title: "x" }) { id } }`,
        { id: item.id },
        member,
      ),
      'FORBIDDEN',
    );
    // The former owner is no member of the body: the internal task no longer exists for them.
    expectError(await t.gql(`{ actionItem(id: "${item.id}") { id } }`, {}, owner.token), 'NOT_FOUND');
  });

  it('keeps the progress trail append-only in the database', async () => {
    await expect(t.dataSource.query(`UPDATE action_updates SET note = 'rewritten'`)).rejects.toThrow(/permanent trail/);
    await expect(t.dataSource.query(`DELETE FROM action_updates`)).rejects.toThrow(/permanent trail/);
  });

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
