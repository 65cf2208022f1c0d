import { expectError, TestApp } from '@coord/testing';
import { ActionsReadService } from '../actions-read.service';
import { ActionListsSeed, LIST, seedActionLists } from './action-lists-setup';
import { dayIn } from './fixtures';

/** Lists of action items: visibility, overdue in the body's zone, query cost, paging, my items. */
describe('action items: lists, visibility, reports and exports', () => {
  let t: TestApp;
  let admin: string;
  let member: string;
  let outsider: string;
  let focal: ActionListsSeed['focal'];
  let ids: ActionListsSeed['ids'];
  let insertItems: ActionListsSeed['insertItems'];

  beforeAll(async () => {
    t = await TestApp.create();
    ({ admin, member, outsider, focal, ids, insertItems } = await seedActionLists(t));
  });
  afterAll(() => t.close());

  it('hides private items: NOT_FOUND for one, left out of lists, for outsiders and anonymous callers', async () => {
    const [privateItem] = await insertItems(ids.private, 1, { isCommitment: true, title: 'Private' });
    const [internalTask] = await insertItems(ids.ncm, 1, { isCommitment: false, title: 'Internal task' });
    const [publicPledge] = await insertItems(ids.ncm, 1, { isCommitment: true, title: 'Public pledge' });
    const one = (id: string) => `{ actionItem(id: "${id}") { id title } }`;

    expectError(await t.gql(one(privateItem), {}, outsider), 'NOT_FOUND');
    expectError(await t.gql(one(privateItem)), 'NOT_FOUND');
    expect((await t.gql(one(privateItem), {}, member)).data.actionItem.id).toBe(privateItem);
    // Public body: its commitments are open to anyone, its internal tasks only to members.
    expect((await t.gql(one(publicPledge))).data.actionItem.id).toBe(publicPledge);
    expectError(await t.gql(one(internalTask)), 'NOT_FOUND');
    expectError(await t.gql(one(internalTask), {}, outsider), 'NOT_FOUND');

    const titles = async (token?: string) =>
      (await t.gql(`{ actionItems(first: 100) { edges { node { title } } } }`, {}, token)).data.actionItems.edges.map(
        (e: { node: { title: string } }) => e.node.title,
      );
    expect(await titles()).toEqual(['Public pledge 1']);
    expect(await titles(outsider)).toEqual(['Public pledge 1']);
    expect((await titles(member)).sort()).toEqual(['Private 1', 'Public pledge 1']);
    expect((await titles(admin)).sort()).toEqual(['Internal task 1', 'Private 1', 'Public pledge 1']);
    expectError(await t.gql(LIST, { filter: { bodyId: ids.private } }, outsider), 'NOT_FOUND');
    // The batch read other features use for their loaders applies the same rule.
    const reader = t.app.get(ActionsReadService);
    const all = [privateItem, internalTask, publicPledge];
    expect((await reader.visibleByIds(null, all)).map((a) => a.id)).toEqual([publicPledge]);
    await t.dataSource.query(`DELETE FROM action_items`);
  });

  it('computes overdue in the body’s time zone, in the field and in the SQL filter', async () => {
    // Kiritimati (UTC+14) is always a day or more ahead of Pago Pago (UTC-11): an item due "today in
    // Pago Pago" is not overdue there, and already overdue in Kiritimati.
    const dueOn = dayIn('Pacific/Pago_Pago');
    const [kiri] = await insertItems(ids.kiritimati, 1, { isCommitment: true, dueOn, title: 'Kiritimati' });
    const [pago] = await insertItems(ids.pagoPago, 1, { isCommitment: true, dueOn, title: 'Pago Pago' });
    await insertItems(ids.kiritimati, 1, { isCommitment: true, dueOn, status: 'DONE', title: 'Done' });
    const res = await t.gql(LIST, { filter: { isCommitment: true } });
    const overdue = Object.fromEntries(
      res.data.actionItems.edges.map((e: { node: { id: string; isOverdue: boolean } }) => [
        e.node.id,
        e.node.isOverdue,
      ]),
    );
    expect(overdue[kiri]).toBe(true);
    expect(overdue[pago]).toBe(false);
    const filtered = await t.gql(LIST, { filter: { overdue: true } });
    expect(filtered.data.actionItems.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([kiri]);
    const notOverdue = await t.gql(LIST, { filter: { overdue: false } });
    expect(notOverdue.data.actionItems.totalCount).toBe(2);
    await t.dataSource.query(`DELETE FROM action_items`);
  });

  it('costs the same number of SQL queries for 5 and 50 items with their nested fields', async () => {
    await insertItems(ids.ncm, 50, { isCommitment: true });
    await t.dataSource.query(
      `INSERT INTO action_item_framework_targets (action_item_id, code) SELECT id, 'MGI-3' FROM action_items`,
    );
    const run = (first: number) => t.countQueries(() => t.gql(LIST, { filter: { bodyId: ids.ncm }, first }, admin));
    const five = await run(5);
    const fifty = await run(50);
    expect(fifty).toBe(five);
    const res = await t.gql(LIST, { filter: { bodyId: ids.ncm }, first: 50 }, admin);
    expect(res.data.actionItems.edges).toHaveLength(50);
    await t.dataSource.query(`DELETE FROM action_item_framework_targets; DELETE FROM action_items`);
  });

  it('pages with cursors in due-date order, undated items last', async () => {
    await insertItems(ids.ncm, 3, { isCommitment: true, dueOn: null, title: 'Undated' });
    await insertItems(ids.ncm, 3, { isCommitment: true, dueOn: '2027-05-01', title: 'Dated' });
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 4; i++) {
      const res: {
        data: {
          actionItems: {
            edges: Array<{ node: { title: string } }>;
            pageInfo: { endCursor: string; hasNextPage: boolean };
          };
        };
      } = await t.gql(
        `query($after: String) { actionItems(first: 2, after: $after) { edges { node { title } } pageInfo { endCursor hasNextPage } } }`,
        { after },
      );
      seen.push(...res.data.actionItems.edges.map((e) => e.node.title.split(' ')[0]));
      if (!res.data.actionItems.pageInfo.hasNextPage) break;
      after = res.data.actionItems.pageInfo.endCursor;
    }
    expect(seen).toEqual(['Dated', 'Dated', 'Dated', 'Undated', 'Undated', 'Undated']);
    await t.dataSource.query(`DELETE FROM action_items`);
  });

  it('lists my items: owned by me or by the organization I am focal point of', async () => {
    await insertItems(ids.ncm, 2, { ownerOrganizationId: ids.cso, title: 'Forum' });
    await insertItems(ids.ncm, 1, { ownerOrganizationId: ids.ministry, title: 'Ministry' });
    const res = await t.gql(`{ myActionItems { totalCount edges { node { title } } } }`, {}, focal.token);
    expect(res.data.myActionItems.totalCount).toBe(2);
    expect((await t.gql(`{ myActionItems { totalCount } }`, {}, outsider)).data.myActionItems.totalCount).toBe(0);
    expectError(await t.gql(`{ myActionItems { totalCount } }`), 'UNAUTHENTICATED');
    await t.dataSource.query(`DELETE FROM action_items`);
  });
});
