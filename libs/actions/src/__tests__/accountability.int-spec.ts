import { ReminderHandlerRegistry } from '@coord/core';
import { MemberRole, StakeholderSector } from '@coord/registry';
import { expectError, TestApp } from '@coord/testing';
import { CREATE, dayIn, RegistryFixture } from './fixtures';

const ASSESS = `mutation($id: ID!, $level: CompletionLevel!, $note: String!) {
  assessCommitment(id: $id, level: $level, note: $note) {
    id status completionLevel assessments { level note assessor { id } assessedAt }
  } }`;
const REPORT = `mutation($id: ID!, $input: ActionProgressInput!) { reportProgress(id: $id, input: $input) { id progressPercent } }`;
const PROGRESS = `query($groupBy: ProgressGrouping!, $bodyId: ID) { commitmentProgress(groupBy: $groupBy, bodyId: $bodyId) {
  key total byCompletionLevel { level commitments } } }`;

type Who = { person: { id: string }; token: string };

/** Joint commitments (co-owners) and assessed completion (a second key). */
describe('accountability: co-owners and assessments', () => {
  let t: TestApp;
  let f: RegistryFixture;
  let chair: Who;
  let secretariat: Who;
  let ownerFocal: Who;
  let coFocal: Who;
  let otherFocal: Who;
  let member: Who;
  let countySecretariat: Who;
  const ids: Record<string, string> = {};

  const create = async (input: Record<string, unknown>, token = chair.token) => {
    const res = await t.gql(
      CREATE.replace('body { id }', 'body { id } coOwnerOrganizations { id name } completionLevel'),
      { input: { bodyId: ids.ncm, isCommitment: true, ...input } },
      token,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.createActionItem;
  };
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(sql, params))[0].count);

  beforeAll(async () => {
    t = await TestApp.create();
    f = new RegistryFixture(t);
    const ministry = await f.organization('Ministry of Labour');
    const cso = await f.organization('Kituo Cha Sheria', StakeholderSector.CIVIL_SOCIETY);
    const union = await f.organization('COTU', StakeholderSector.TRADE_UNION);
    const other = await f.organization('Other CSO', StakeholderSector.CIVIL_SOCIETY);
    const ncm = await f.body('NCM', { isPublic: true });
    const county = await f.body('Mombasa county unit', { parentId: ncm.id, isPublic: false });
    Object.assign(ids, {
      ministry: ministry.id,
      cso: cso.id,
      union: union.id,
      other: other.id,
      ncm: ncm.id,
      county: county.id,
    });
    chair = await f.signedInPerson('Chair', ministry.id, { bodyId: ncm.id, role: MemberRole.CHAIR });
    secretariat = await f.signedInPerson('Secretariat', ministry.id, { bodyId: ncm.id, role: MemberRole.SECRETARIAT });
    ownerFocal = await f.signedInPerson('Ministry focal', ministry.id, {
      bodyId: county.id,
      role: MemberRole.FOCAL_POINT,
    });
    coFocal = await f.signedInPerson('Union focal', union.id, { bodyId: ncm.id, role: MemberRole.FOCAL_POINT });
    otherFocal = await f.signedInPerson('Other focal', other.id, { bodyId: ncm.id, role: MemberRole.FOCAL_POINT });
    member = await f.signedInPerson('Member', ministry.id, { bodyId: ncm.id, role: MemberRole.MEMBER });
    countySecretariat = await f.signedInPerson('County secretariat', ministry.id, {
      bodyId: county.id,
      role: MemberRole.SECRETARIAT,
    });
  });
  afterAll(() => t.close());

  describe('joint commitments', () => {
    it('records co-owners, audited; refuses the owner organization itself and unknown organizations', async () => {
      const item = await create({
        title: 'Joint plan',
        ownerOrganizationId: ids.ministry,
        coOwnerOrganizationIds: [ids.union, ids.cso, ids.union],
      });
      expect(item.coOwnerOrganizations.map((o: { name: string }) => o.name)).toEqual(['COTU', 'Kituo Cha Sheria']);
      const [audit] = await t.dataSource.query(`SELECT changes FROM audit_events WHERE entity_id = $1`, [item.id]);
      expect(audit.changes.coOwnerOrganizationIds[1]).toEqual([ids.union, ids.cso].sort());

      const before = await count('SELECT count(*) FROM action_items');
      const res = await t.gql(
        CREATE,
        {
          input: {
            bodyId: ids.ncm,
            title: 'x',
            ownerOrganizationId: ids.ministry,
            coOwnerOrganizationIds: [ids.ministry],
          },
        },
        chair.token,
      );
      expectError(res, 'BAD_USER_INPUT', /lists the owner organization/);
      const unknown = await t.gql(
        CREATE,
        {
          input: {
            bodyId: ids.ncm,
            title: 'x',
            ownerOrganizationId: ids.ministry,
            coOwnerOrganizationIds: ['00000000-0000-4000-8000-000000000000'],
          },
        },
        chair.token,
      );
      expectError(unknown, 'NOT_FOUND');
      expect(await count('SELECT count(*) FROM action_items')).toBe(before);
    });

    it('changes only the co-owners given on update, audited', async () => {
      const item = await create({
        title: 'Edit co-owners',
        ownerOrganizationId: ids.ministry,
        coOwnerOrganizationIds: [ids.union],
      });
      const UPDATE = `mutation($id: ID!, $input: ActionItemUpdateInput!) { updateActionItem(id: $id, input: $input) { title coOwnerOrganizations { id } } }`;
      const kept = await t.gql(UPDATE, { id: item.id, input: { title: 'Renamed' } }, chair.token);
      expect(kept.data.updateActionItem.coOwnerOrganizations).toEqual([{ id: ids.union }]);
      const changed = await t.gql(UPDATE, { id: item.id, input: { coOwnerOrganizationIds: [ids.cso] } }, chair.token);
      expect(changed.data.updateActionItem.coOwnerOrganizations).toEqual([{ id: ids.cso }]);
      expect(
        await count(`SELECT count(*) FROM audit_events WHERE entity_id = $1 AND changes ? 'coOwnerOrganizationIds'`, [
          item.id,
        ]),
      ).toBe(2);
      expectError(
        await t.gql(UPDATE, { id: item.id, input: { coOwnerOrganizationIds: [ids.union] } }, member.token),
        'FORBIDDEN',
      );
    });

    it("lets a co-owner's focal point report progress and find the item in myActionItems; another organization's may not", async () => {
      const item = await create({
        title: 'County job centres',
        bodyId: ids.county,
        ownerOrganizationId: ids.ministry,
        coOwnerOrganizationIds: [ids.union],
        dueOn: dayIn('Africa/Nairobi', 10),
      });
      const ok = await t.gql(
        REPORT,
        { id: item.id, input: { note: 'Union did its part', progressPercent: 40 } },
        coFocal.token,
      );
      expect(ok.errors).toBeUndefined();
      expect(ok.data.reportProgress.progressPercent).toBe(40);
      const mine = await t.gql(`{ myActionItems { edges { node { id } } } }`, {}, coFocal.token);
      expect(mine.data.myActionItems.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(item.id);
      // A focal point of an unrelated organization seated on the body above neither reads it (a plain member of an
      // ancestor does not read a sub-body's records: issue 13) nor reports on it.
      expectError(await t.gql(REPORT, { id: item.id, input: { note: 'x' } }, otherFocal.token), 'NOT_FOUND');
    });

    it("sends the co-owner's focal point the due reminder, with the owner organization's", async () => {
      // On the county unit: the ministry's focal point sits there, the union's on the NCM above it.
      const item = await create({
        title: 'Due together',
        bodyId: ids.county,
        ownerOrganizationId: ids.ministry,
        coOwnerOrganizationIds: [ids.union],
        dueOn: dayIn('Africa/Nairobi', 10),
      });
      const [intent] = await t.dataSource.query(
        `SELECT id, kind, subject_id, payload FROM reminder_intents WHERE subject_id = $1 AND kind = 'ACTION_DUE_REMINDER' LIMIT 1`,
        [item.id],
      );
      const handler = t.app.get(ReminderHandlerRegistry).handlerFor('ACTION_DUE_REMINDER')!;
      const messages = await handler.messagesFor(
        {
          id: intent.id,
          kind: intent.kind,
          subjectType: 'ActionItem',
          subjectId: item.id,
          dueAt: new Date(),
          payload: intent.payload,
        },
        t.dataSource.manager,
      );
      expect(messages.map((m) => m.personId).sort()).toEqual([coFocal.person.id, ownerFocal.person.id].sort());
    });

    it('counts a joint commitment once per owner sector', async () => {
      await t.dataSource.query(`DELETE FROM reminder_intents`);
      const body = await f.body('Sector test body', { isPublic: true });
      for (const [title, co] of [
        ['Only ministry', []],
        ['Ministry and union', [ids.union]],
        ['Ministry, union and two CSOs', [ids.union, ids.cso, ids.other]],
      ] as const) {
        await t.gql(
          CREATE,
          {
            input: {
              bodyId: body.id,
              title,
              isCommitment: true,
              ownerOrganizationId: ids.ministry,
              coOwnerOrganizationIds: co,
            },
          },
          (await t.signIn()).token,
        );
      }
      const res = await t.gql(PROGRESS, { groupBy: 'OWNER_SECTOR', bodyId: body.id });
      expect(res.errors).toBeUndefined();
      const totals = Object.fromEntries(
        res.data.commitmentProgress.map((r: { key: string; total: number }) => [r.key, r.total]),
      );
      expect(totals).toEqual({ NATIONAL_GOVERNMENT: 3, TRADE_UNION: 2, CIVIL_SOCIETY: 1 });
    });
  });

  describe('assessments', () => {
    let itemId: string;
    beforeAll(async () => {
      const item = await create({
        title: 'Labour migration policy',
        ownerPersonId: chair.person.id,
        ownerOrganizationId: ids.ministry,
        frameworkCodes: ['GCM-6'],
      });
      itemId = item.id;
    });

    it('refuses the owner: an assessment is a second key (FORBIDDEN), even though the owner chairs the body', async () => {
      const res = await t.gql(ASSESS, { id: itemId, level: 'COMPLETE', note: 'We did it' }, chair.token);
      expectError(res, 'FORBIDDEN', /second key/);
      expect(await count('SELECT count(*) FROM commitment_assessments')).toBe(0);
    });

    it('refuses a focal point of the owner organization and a plain member (FORBIDDEN)', async () => {
      // The ministry's focal point sits on the county unit, below the body: not a reader of the NCM's public
      // commitment? It is public, so they read it; they still may not assess.
      expectError(await t.gql(ASSESS, { id: itemId, level: 'COMPLETE', note: 'x' }, ownerFocal.token), 'FORBIDDEN');
      expectError(await t.gql(ASSESS, { id: itemId, level: 'COMPLETE', note: 'x' }, member.token), 'FORBIDDEN');
      expectError(await t.gql(ASSESS, { id: itemId, level: 'COMPLETE', note: 'x' }), 'UNAUTHENTICATED');
      // A county secretariat does not manage the national body above it.
      expectError(
        await t.gql(ASSESS, { id: itemId, level: 'COMPLETE', note: 'x' }, countySecretariat.token),
        'FORBIDDEN',
      );
    });

    it('lets the secretariat assess; the owner marks it DONE and the assessment says LIMITED: both show', async () => {
      const done = await t.gql(REPORT, { id: itemId, input: { note: 'Done', status: 'DONE' } }, chair.token);
      expect(done.errors).toBeUndefined();
      const res = await t.gql(
        ASSESS,
        { id: itemId, level: 'LIMITED', note: 'Policy drafted, not adopted' },
        secretariat.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.assessCommitment).toMatchObject({
        status: 'DONE',
        completionLevel: 'LIMITED',
        assessments: [
          { level: 'LIMITED', note: 'Policy drafted, not adopted', assessor: { id: secretariat.person.id } },
        ],
      });
      const again = await t.gql(
        ASSESS,
        { id: itemId, level: 'SUBSTANTIAL', note: 'Cabinet approval' },
        secretariat.token,
      );
      expect(again.data.assessCommitment.completionLevel).toBe('SUBSTANTIAL');
      expect(again.data.assessCommitment.assessments.map((a: { level: string }) => a.level)).toEqual([
        'LIMITED',
        'SUBSTANTIAL',
      ]);
      expect(
        await count(`SELECT count(*) FROM audit_events WHERE entity_id = $1 AND action = 'actionItem.assess'`, [
          itemId,
        ]),
      ).toBe(2);
      await expect(t.dataSource.query(`UPDATE commitment_assessments SET level = 'COMPLETE'`)).rejects.toThrow(
        /permanent record/,
      );
    });

    it('refuses a blank note and an internal task (BAD_USER_INPUT), writing nothing', async () => {
      const before = await count('SELECT count(*) FROM commitment_assessments');
      expectError(
        await t.gql(ASSESS, { id: itemId, level: 'COMPLETE', note: '  ' }, secretariat.token),
        'BAD_USER_INPUT',
        /note/,
      );
      const task = await create({ title: 'Internal', isCommitment: false, ownerOrganizationId: ids.ministry });
      expectError(
        await t.gql(ASSESS, { id: task.id, level: 'COMPLETE', note: 'x' }, secretariat.token),
        'BAD_USER_INPUT',
        /Only commitments/,
      );
      expect(await count('SELECT count(*) FROM commitment_assessments')).toBe(before);
    });

    it('counts commitments by completion level in the progress report, by body and by framework target, and in the CSV', async () => {
      const byBody = await t.gql(PROGRESS, { groupBy: 'BODY', bodyId: ids.ncm });
      const ncm = byBody.data.commitmentProgress.find((r: { key: string }) => r.key === ids.ncm);
      expect(ncm.byCompletionLevel).toEqual([{ level: 'SUBSTANTIAL', commitments: 1 }]);
      const byTarget = await t.gql(PROGRESS, { groupBy: 'FRAMEWORK_TARGET', bodyId: ids.ncm });
      expect(byTarget.data.commitmentProgress).toEqual([
        { key: 'GCM-6', total: 1, byCompletionLevel: [{ level: 'SUBSTANTIAL', commitments: 1 }] },
      ]);
      const csv = await t.http.get(`/exports/bodies/${ids.ncm}/action-items.csv`);
      expect(csv.text.split('\n')[0]).toContain('completion level');
      expect(csv.text).toContain(',SUBSTANTIAL,');
    });

    it('shows anonymous readers of a public body its commitments with status, progress, level and evidence, no assessor', async () => {
      await t.gql(
        REPORT,
        { id: itemId, input: { note: 'Gazetted', evidenceUrls: ['https://kenyalaw.example.org/gazette/1'] } },
        secretariat.token,
      );
      const res = await t.gql(
        `query($id: ID!) { coordinationBody(id: $id) { actionItems(filter: { isCommitment: true }) { edges { node {
          title status progressPercent completionLevel updates { evidenceUrls } assessments { level assessor { id } } } } } } }`,
        { id: ids.ncm },
      );
      expect(res.errors).toBeUndefined();
      const node = res.data.coordinationBody.actionItems.edges
        .map((e: { node: { title: string } }) => e.node)
        .find((n: { title: string }) => n.title === 'Labour migration policy');
      expect(node).toMatchObject({ status: 'DONE', progressPercent: 100, completionLevel: 'SUBSTANTIAL' });
      expect(node.updates.at(-1).evidenceUrls).toEqual(['https://kenyalaw.example.org/gazette/1']);
      expect(node.assessments.map((a: { assessor: unknown }) => a.assessor)).toEqual([null, null]);
    });

    it('lists assessments and co-owners of many items in a constant number of queries', async () => {
      const LIST = `query($first: Int) { actionItems(filter: { bodyId: "${ids.ncm}" }, first: $first) { edges { node {
        id completionLevel coOwnerOrganizations { name } assessments { level assessor { fullName } } } } } }`;
      const run = (first: number) => t.countQueries(() => t.gql(LIST, { first }, secretariat.token));
      // Nested loaders skip their second query (organizations, people) when the page has nothing to look up.
      const small = await run(1);
      const large = await run(20);
      expect(large).toBeLessThanOrEqual(small + 2);
      expect(large).toBeLessThanOrEqual(10);
    });
  });
});
