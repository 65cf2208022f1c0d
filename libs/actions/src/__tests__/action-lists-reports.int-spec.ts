import { AuthUser, PlatformRole } from '@coord/core';
import { MemberRole, RegistryReadService, StakeholderSector } from '@coord/registry';
import { expectError, TestApp } from '@coord/testing';
import { OVERDUE_SQL, visibleItemsSql } from '../actions-access';
import { parseCsv } from '../csv';
import { ActionListsSeed, LIST, seedActionLists } from './action-lists-setup';
import { dayIn, RegistryFixture } from './fixtures';

/** Reports on action items: hierarchy roll-ups, progress by framework target, and the CSV exports. */
describe('action items: lists, visibility, reports and exports', () => {
  let t: TestApp;
  let f: RegistryFixture;
  let admin: string;
  let focal: ActionListsSeed['focal'];
  let ids: ActionListsSeed['ids'];
  let insertItems: ActionListsSeed['insertItems'];

  beforeAll(async () => {
    t = await TestApp.create();
    ({ f, admin, focal, ids, insertItems } = await seedActionLists(t));
  });
  afterAll(() => t.close());

  it('sums a national body with its county units in one list and in the progress report', async () => {
    await insertItems(ids.ncm, 2, { isCommitment: true, ownerOrganizationId: ids.ministry });
    await insertItems(ids.mombasa, 3, { isCommitment: true, ownerOrganizationId: ids.county, status: 'DONE' });
    await insertItems(ids.kisumu, 4, { isCommitment: true, ownerOrganizationId: ids.cso, dueOn: '2020-01-01' });
    const national = await t.gql(LIST, { filter: { bodyId: ids.ncm, includeSubBodies: true } });
    expect(national.data.actionItems.totalCount).toBe(9);
    const only = await t.gql(LIST, { filter: { bodyId: ids.ncm } });
    expect(only.data.actionItems.totalCount).toBe(2);
    const onBody = await t.gql(
      `query($id: ID!) { coordinationBody(id: $id) { actionItems(filter: { includeSubBodies: true, status: [DONE] }, first: 2) {
        totalCount edges { node { body { name } } } } } }`,
      { id: ids.ncm },
    );
    expect(onBody.errors).toBeUndefined();
    expect(onBody.data.coordinationBody.actionItems.totalCount).toBe(3);
    expect(onBody.data.coordinationBody.actionItems.edges).toHaveLength(2);

    const report = (groupBy: string) =>
      t.gql(
        `query($groupBy: ProgressGrouping!, $bodyId: ID) { commitmentProgress(groupBy: $groupBy, bodyId: $bodyId) {
          key label total done overdue averageProgressPercent } }`,
        { groupBy, bodyId: ids.ncm },
      );
    const byLevel = (await report('GOVERNANCE_LEVEL')).data.commitmentProgress;
    expect(byLevel).toEqual([
      { key: 'NATIONAL', label: 'National', total: 2, done: 0, overdue: 0, averageProgressPercent: 20 },
      { key: 'SUBNATIONAL', label: 'Subnational', total: 7, done: 3, overdue: 4, averageProgressPercent: 54.29 },
    ]);
    const bySector = (await report('OWNER_SECTOR')).data.commitmentProgress;
    expect(bySector.map((r: { key: string; total: number }) => [r.key, r.total])).toEqual([
      ['CIVIL_SOCIETY', 4],
      ['NATIONAL_GOVERNMENT', 2],
      ['SUBNATIONAL_GOVERNMENT', 3],
    ]);
    const byBody = (await report('BODY')).data.commitmentProgress;
    expect(byBody.reduce((sum: number, r: { total: number }) => sum + r.total, 0)).toBe(9);
    expect(byBody.find((r: { key: string }) => r.key === ids.mombasa)).toMatchObject({
      label: 'Mombasa County Unit',
      done: 3,
    });

    await t.dataSource.query(
      `INSERT INTO action_item_framework_targets (action_item_id, code) SELECT id, 'GCM-16' FROM action_items WHERE body_id = $1`,
      [ids.kisumu],
    );
    const byTarget = (await report('FRAMEWORK_TARGET')).data.commitmentProgress;
    expect(byTarget).toEqual([
      expect.objectContaining({ key: 'GCM-16', total: 4, overdue: 4, label: expect.stringMatching(/inclusion/) }),
    ]);
    const filtered = await t.gql(LIST, {
      filter: { bodyId: ids.ncm, includeSubBodies: true, frameworkCode: 'GCM-16' },
    });
    expect(filtered.data.actionItems.totalCount).toBe(4);
    expectError(await t.gql(LIST, { filter: { frameworkCode: 'GCM 16' } }), 'BAD_USER_INPUT', /GCM-16/);
    await t.dataSource.query(`DELETE FROM action_item_framework_targets; DELETE FROM action_items`);
  });

  it('reports progress by framework target from the roll-up: the same figures as counting every item', async () => {
    // The oracle: aggregate every visible tagged commitment, as the report did before the roll-up.
    const oracle = async (user: AuthUser | null, bodyId?: string) => {
      const visible = visibleItemsSql(user);
      const qb = t.dataSource
        .createQueryBuilder()
        .from('action_items', 'a')
        .innerJoin('coordination_bodies', 'b', 'b.id = a.body_id')
        .innerJoin('action_item_framework_targets', 'aft', 'aft.action_item_id = a.id')
        .select('aft.code', 'key')
        .addSelect('count(*)::int', 'total')
        .addSelect(`count(*) FILTER (WHERE a.status = 'DONE')::int`, 'done')
        .addSelect(`count(*) FILTER (WHERE ${OVERDUE_SQL})::int`, 'overdue')
        .addSelect('round(avg(a.progress_percent), 2)::float8', 'averageProgressPercent')
        .where('a.is_commitment')
        .andWhere(visible.sql, visible.params)
        .groupBy('aft.code')
        .orderBy('aft.code COLLATE framework_code_order'); // natural order: GCM-2 before GCM-16
      if (bodyId) qb.andWhere(`a.body_id IN (${RegistryReadService.subtreeSql(':scope')})`, { scope: bodyId });
      return qb.getRawMany();
    };
    const api = async (token: string | undefined, bodyId?: string) => {
      const res = await t.gql(
        `query($bodyId: ID) { commitmentProgress(groupBy: FRAMEWORK_TARGET, bodyId: $bodyId) {
          key total done overdue averageProgressPercent } }`,
        { bodyId },
        token,
      );
      expect(res.errors).toBeUndefined();
      return res.data.commitmentProgress;
    };
    const subUnit = (await f.body('Private sub-unit', { parentId: ids.ncm, isPublic: false })).id;
    const owner = await f.signedInPerson('Pledge Owner', ids.county);
    const privateMember = await f.signedInPerson('Sub-unit Member', ids.ministry, {
      bodyId: subUnit,
      role: MemberRole.MEMBER,
    });
    const user = (personId: string): AuthUser => ({
      id: personId,
      email: 'x',
      platformRole: PlatformRole.USER,
      personId,
    });
    const readers: Array<[string, string | undefined, AuthUser | null]> = [
      ['admin', admin, { id: 'admin', email: 'x', platformRole: PlatformRole.ADMIN, personId: null }],
      ['anonymous', undefined, null],
      ['focal point of the owner organization on the national body', focal.token, user(focal.person.id)],
      ['owner of one private commitment', owner.token, user(owner.person.id)],
      ['member of the private sub-unit', privateMember.token, user(privateMember.person.id)],
    ];

    const overdueDay = '2020-03-01';
    await insertItems(ids.ncm, 4, { isCommitment: true, dueOn: overdueDay });
    await insertItems(ids.mombasa, 3, { isCommitment: true, status: 'DONE' });
    await insertItems(ids.mombasa, 2, { isCommitment: true, ownerOrganizationId: ids.cso, dueOn: overdueDay });
    await insertItems(subUnit, 3, { isCommitment: true, ownerOrganizationId: ids.cso, dueOn: overdueDay });
    await insertItems(subUnit, 2, { isCommitment: true, dueOn: null });
    await insertItems(ids.private, 2, { isCommitment: true, status: 'IN_PROGRESS', dueOn: overdueDay });
    await insertItems(ids.kiritimati, 2, { isCommitment: true, dueOn: dayIn('Pacific/Kiritimati', -1) });
    await insertItems(ids.ncm, 3, { isCommitment: false, dueOn: overdueDay });
    await t.dataSource.query(
      `UPDATE action_items SET owner_person_id = $1, owner_organization_id = NULL
       WHERE id = (SELECT id FROM action_items WHERE body_id = $2 AND due_on IS NULL ORDER BY id LIMIT 1)`,
      [owner.person.id, subUnit],
    );
    // Tags: one or two codes per item, some items untagged.
    await t.dataSource.query(`INSERT INTO action_item_framework_targets (action_item_id, code)
      SELECT id, (ARRAY['GCM-16','GCM-2','SDG-10.7'])[1 + (row_number() OVER (ORDER BY id))::int % 3]
      FROM action_items UNION
      SELECT id, 'MGI-3' FROM action_items WHERE progress_percent = 20 AND id::text < '8'`);

    const compare = async (label: string) => {
      for (const [who, token, authUser] of readers) {
        for (const scope of [undefined, ids.ncm]) {
          const expected = await oracle(authUser, scope);
          expect({ label, who, scope, rows: await api(token, scope) }).toEqual({ label, who, scope, rows: expected });
        }
      }
    };
    await compare('inserted');
    const all = await oracle(readers[0][2]);
    expect(all.length).toBeGreaterThan(2);
    expect(all.some((r: { overdue: number }) => r.overdue > 0)).toBe(true);

    // Every kind of change the triggers follow: progress, status, commitment flag, body, tags added and removed.
    await t.dataSource.query(`UPDATE action_items SET progress_percent = 65 WHERE status = 'OPEN' AND id::text < '9'`);
    await t.dataSource.query(
      `UPDATE action_items SET status = 'DONE', progress_percent = 100, completed_at = now()
       WHERE id IN (SELECT id FROM action_items WHERE status = 'IN_PROGRESS' ORDER BY id LIMIT 1)`,
    );
    await t.dataSource.query(`UPDATE action_items SET is_commitment = NOT is_commitment WHERE body_id = $1`, [ids.ncm]);
    await t.dataSource.query(
      `UPDATE action_items SET body_id = $1 WHERE id IN (SELECT id FROM action_items WHERE body_id = $2 ORDER BY id LIMIT 1)`,
      [subUnit, ids.mombasa],
    );
    await t.dataSource.query(
      `DELETE FROM action_item_framework_targets WHERE action_item_id IN (SELECT id FROM action_items ORDER BY id LIMIT 4)`,
    );
    await t.dataSource.query(`INSERT INTO action_item_framework_targets (action_item_id, code)
      SELECT id, 'GCM-23' FROM action_items ORDER BY id LIMIT 6`);
    await compare('changed');
    const staleCodes = async () =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS stale FROM action_items a WHERE a.framework_codes IS DISTINCT FROM coalesce(
             (SELECT array_agg(code ORDER BY code) FROM action_item_framework_targets t WHERE t.action_item_id = a.id), '{}')`,
        )
      )[0].stale;
    expect(await staleCodes()).toBe(0);

    // Tag rows updated in place: a code renamed, a tag moved to another item.
    await t.dataSource.query(`UPDATE action_item_framework_targets SET code = 'GCM-5' WHERE code = 'GCM-2'`);
    await t.dataSource.query(
      `UPDATE action_item_framework_targets SET action_item_id = (SELECT id FROM action_items ORDER BY id OFFSET 6 LIMIT 1)
       WHERE code = 'GCM-23' AND action_item_id = (SELECT id FROM action_items ORDER BY id LIMIT 1)`,
    );
    await compare('tags updated');
    expect(await staleCodes()).toBe(0);

    // A writer that bypassed the triggers: the rebuild finds and repairs what it left wrong, and then nothing.
    await t.dataSource.query(`UPDATE commitment_progress_rollup SET commitments = commitments + 3, done = 0`);
    await t.dataSource.query(`UPDATE action_items SET framework_codes = '{MGI-1}' WHERE id::text < '4'`);
    const rebuild = async () =>
      (await t.dataSource.query(`SELECT commitment_progress_rollup_rebuild() AS wrong`))[0].wrong as number;
    expect(await rebuild()).toBeGreaterThan(2);
    await compare('rebuilt');
    expect(await staleCodes()).toBe(0);
    expect(await rebuild()).toBe(0);
    // Two at once, on two connections: both succeed (the rebuild locks the items first, EXCLUSIVE, so they queue).
    expect(await Promise.all([rebuild(), rebuild()])).toEqual([0, 0]);

    const left = async () =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM commitment_progress_rollup WHERE commitments <> 0 OR done <> 0 OR progress_sum <> 0`,
        )
      )[0].n;
    // TRUNCATE of the tags: nothing counts any more.
    await t.dataSource.query(`TRUNCATE action_item_framework_targets`);
    expect(await api(admin)).toEqual([]);
    expect(await left()).toBe(0);
    expect(await staleCodes()).toBe(0);

    await t.dataSource.query(`DELETE FROM action_item_framework_targets; DELETE FROM action_items`);
    expect(await api(admin)).toEqual([]);
    expect(await left()).toBe(0);
  });

  it('exports a body’s items as CSV that round-trips commas, quotes and non-Latin names', async () => {
    const org = await f.organization('Comité "Migrants, Diaspora" — 移民协会', StakeholderSector.DIASPORA_ORGANIZATION);
    const title = 'Ripoti ya "VNR", sehemu 2 — تقرير المراجعة';
    const [id] = await insertItems(ids.ncm, 1, { isCommitment: true, ownerOrganizationId: org.id, title });
    await insertItems(ids.ncm, 1, { isCommitment: false, title: 'Internal' });
    const res = await t.http
      .get(`/exports/bodies/${ids.ncm}/action-items.csv`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8'));
    expect(rows[0]).toContain('owner organization');
    // Anonymous: only the public commitment, not the internal task.
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(rows[0].map((h, i) => [h, rows[1][i]]));
    expect(row).toMatchObject({ id, title: `${title} 1`, 'owner organization': org.name, commitment: 'yes' });

    const withToken = await t.http
      .get(`/exports/bodies/${ids.ncm}/action-items.csv`)
      .set('authorization', `Bearer ${admin}`);
    expect(parseCsv(withToken.text)).toHaveLength(3);
    const hidden = await t.http.get(`/exports/bodies/${ids.private}/action-items.csv`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('NOT_FOUND');

    const progress = await t.http.get(`/exports/commitment-progress.csv?groupBy=BODY&bodyId=${ids.ncm}`);
    expect(progress.status).toBe(200);
    expect(parseCsv(progress.text)).toEqual([
      [
        'key',
        'label',
        'total',
        'done',
        'overdue',
        'average progress percent',
        'NO_EVIDENCE',
        'NOT_STARTED',
        'LIMITED',
        'SUBSTANTIAL',
        'COMPLETE',
      ],
      [ids.ncm, 'NCM', '1', '0', '0', '20', '0', '0', '0', '0', '0'],
    ]);
    expect((await t.http.get(`/exports/commitment-progress.csv?groupBy=NOPE`)).status).toBe(400);
    await t.dataSource.query(`DELETE FROM action_items`);
  });
});
