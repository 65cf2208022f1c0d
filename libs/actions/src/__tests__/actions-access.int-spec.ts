import { randomUUID } from 'node:crypto';
import { AuthUser, PlatformRole, RequestMemo } from '@coord/core';
import { TestApp } from '@coord/testing';
import { ActionItem } from '../action-item.entity';
import { ActionsReadService } from '../actions-read.service';

/**
 * One visibility rule for action items, written twice: in SQL for the lists (actions-access.ts,
 * `visibleItemsSql`, which `visibleByIds` applies) and in code for one item (`ActionsReadService.canSee`). Both are
 * asked about every (viewer, item) pair of a world with every kind of item (task or commitment; public body,
 * private body, private sub-body and sub-sub-body, public sub-body of a private body, unrelated body; owned by a
 * person, by an organization only, co-owned) and every kind of viewer (admin, anonymous, a sign-in without a
 * person, outsider, each body role on the body or on an ancestor, focal points of the owner or co-owner
 * organization in or out of the item's reporting line, the owner person, an invitee to a meeting of a private
 * sub-body, memberships ended or not started yet): they must agree on each pair.
 */
describe('action items: the SQL visibility rule and canSee agree', () => {
  let t: TestApp;
  let reader: ActionsReadService;
  const items: Array<ActionItem & { label: string }> = [];
  const viewers: Array<{ label: string; user: AuthUser | null }> = [];
  const scopes: Array<{ label: string; bodyId: string; includeSubBodies: boolean; bodyIds: string[] }> = [];

  const q = async (sql: string, params: unknown[]) => (await t.dataSource.query(sql, params))[0]?.id as string;
  const org = (name: string) =>
    q(
      `INSERT INTO organizations (name, sector, level, country_code) VALUES ($1, 'CIVIL_SOCIETY', 'NATIONAL', 'KE') RETURNING id`,
      [name],
    );
  const person = (name: string, organizationId: string) =>
    q(`INSERT INTO people (full_name, organization_id) VALUES ($1, $2) RETURNING id`, [name, organizationId]);
  const body = (name: string, isPublic: boolean, parentId: string | null = null) =>
    q(
      `INSERT INTO coordination_bodies (name, kind, level, country_code, timezone, is_public, parent_id)
       VALUES ($1, 'TECHNICAL_WORKING_GROUP', 'NATIONAL', 'KE', 'Africa/Nairobi', $2, $3) RETURNING id`,
      [name, isPublic, parentId],
    );
  const seat = (bodyId: string, personId: string, organizationId: string, role: string, from = -365, to?: number) =>
    t.dataSource.query(
      `INSERT INTO memberships (body_id, person_id, organization_id, role, starts_on, ends_on)
       VALUES ($1, $2, $3, $4, (now() AT TIME ZONE 'UTC')::date + $5::int,
               CASE WHEN $6::int IS NULL THEN NULL ELSE (now() AT TIME ZONE 'UTC')::date + $6::int END)`,
      [bodyId, personId, organizationId, role, from, to ?? null],
    );
  const user = (label: string, personId: string | null, platformRole = PlatformRole.USER) =>
    viewers.push({ label, user: { id: randomUUID(), email: `${randomUUID()}@example.org`, platformRole, personId } });

  beforeAll(async () => {
    t = await TestApp.create();
    reader = t.app.get(ActionsReadService);
    const ministry = await org('Ministry');
    const owner = await org('Owner organization');
    const coOwner = await org('Co-owner organization');
    const other = await org('Other organization');

    const pub = await body('Public forum', true);
    const priv = await body('Private mechanism', false);
    const sub = await body('Private sub-body', false, priv);
    const subSub = await body('Private sub-sub-body', false, sub);
    const pubSub = await body('Public sub-body of the private mechanism', true, priv);
    const elsewhere = await body('Unrelated private body', false);
    const bodies = { pub, priv, sub, subSub, pubSub, elsewhere };
    const below: Record<string, string[]> = { priv: [sub, subSub, pubSub], sub: [subSub] };
    for (const [bodyLabel, bodyId] of Object.entries(bodies)) {
      scopes.push({ label: bodyLabel, bodyId, includeSubBodies: false, bodyIds: [bodyId] });
      const tree = [bodyId, ...(below[bodyLabel] ?? [])];
      scopes.push({ label: `${bodyLabel} and below`, bodyId, includeSubBodies: true, bodyIds: tree });
    }

    const ownerPerson = await person('Owner person', owner);
    for (const [bodyLabel, bodyId] of Object.entries(bodies)) {
      for (const isCommitment of [false, true]) {
        const kinds: Array<[string, string | null, string, string | null]> = [
          ['owned by a person', ownerPerson, owner, null],
          ['owned by an organization', null, owner, null],
          ['co-owned', null, other, coOwner],
        ];
        for (const [kindLabel, ownerPersonId, ownerOrganizationId, coOwnerId] of kinds) {
          const id = await q(
            `INSERT INTO action_items (body_id, title, is_commitment, owner_person_id, owner_organization_id)
             VALUES ($1, 'Item', $2, $3, $4) RETURNING id`,
            [bodyId, isCommitment, ownerPersonId, ownerOrganizationId],
          );
          if (coOwnerId) {
            await t.dataSource.query(
              `INSERT INTO action_item_co_owners (action_item_id, organization_id) VALUES ($1, $2)`,
              [id, coOwnerId],
            );
          }
          const item = await t.dataSource.getRepository(ActionItem).findOneByOrFail({ id });
          items.push(
            Object.assign(item, { label: `${isCommitment ? 'commitment' : 'task'} ${kindLabel} on ${bodyLabel}` }),
          );
        }
      }
    }

    user('admin', null, PlatformRole.ADMIN);
    viewers.push({ label: 'anonymous', user: null });
    user('signed in without a person', null);
    user('outsider', await person('Outsider', ministry));
    user('owner person', ownerPerson);
    for (const [bodyLabel, bodyId] of Object.entries(bodies)) {
      for (const role of ['CHAIR', 'CO_CHAIR', 'VICE_CHAIR', 'SECRETARIAT', 'MEMBER', 'OBSERVER', 'STANDING_INVITEE']) {
        const p = await person(`${role} of ${bodyLabel}`, ministry);
        await seat(bodyId, p, ministry, role);
        user(`${role} of ${bodyLabel}`, p);
      }
      for (const [orgLabel, orgId] of [
        ['owner', owner],
        ['co-owner', coOwner],
        ['other', other],
        ['unrelated', ministry],
      ]) {
        const p = await person(`focal point of the ${orgLabel} organization on ${bodyLabel}`, orgId);
        await seat(bodyId, p, orgId, 'FOCAL_POINT');
        user(`focal point of the ${orgLabel} organization on ${bodyLabel}`, p);
      }
    }
    // Memberships that ended yesterday or start tomorrow count for nothing, in either rule.
    for (const [label, from, to] of [
      ['ended', -365, -1],
      ['not started', 1, undefined],
    ] as const) {
      for (const role of ['CHAIR', 'MEMBER']) {
        const p = await person(`${label} ${role}`, ministry);
        await seat(priv, p, ministry, role, from, to);
        user(`${role} of the private mechanism, ${label}`, p);
      }
      const p = await person(`${label} focal point`, owner);
      await seat(sub, p, owner, 'FOCAL_POINT', from, to);
      user(`focal point of the owner organization on the private sub-body, ${label}`, p);
    }
    // An invitee (not a member) of a meeting of the private sub-body: a meeting invitation opens no item.
    const invitee = await person('Invitee', ministry);
    const meeting = await q(
      `INSERT INTO meetings (body_id, title, kind, status, starts_at, ends_at, timezone)
       VALUES ($1, 'Meeting', 'ORDINARY', 'SCHEDULED', now() + interval '1 day', now() + interval '26 hours',
               'Africa/Nairobi') RETURNING id`,
      [sub],
    );
    await t.dataSource.query(
      `INSERT INTO meeting_participants (meeting_id, person_id, organization_id, is_member, voting)
       VALUES ($1, $2, $3, false, false)`,
      [meeting, invitee, ministry],
    );
    user('invitee (not a member) to a meeting of the private sub-body', invitee);
  }, 180_000);

  afterAll(() => t?.close());

  it('agrees for every (viewer, item) pair', async () => {
    const ids = items.map((i) => i.id);
    const disagreements: string[] = [];
    for (const { label, user } of viewers) {
      const inSql = new Set((await reader.visibleByIds(user, ids)).map((i) => i.id));
      for (const item of items) {
        const inCode = await reader.canSee(user, item);
        if (inCode !== inSql.has(item.id)) {
          disagreements.push(`${label} / ${item.label}: SQL ${inSql.has(item.id)}, canSee ${inCode}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  }, 180_000);

  it('lists a body (and its hierarchy) as the rule says, for every viewer who may ask', async () => {
    // The list skips the per-row rule when the viewer reads every body of the scope whole (actions-read.service.ts):
    // what it returns must still be exactly the visible items of the scope.
    const ids = items.map((i) => i.id);
    const disagreements: string[] = [];
    for (const { label, user } of viewers) {
      const visible = new Set((await reader.visibleByIds(user, ids)).map((i) => i.id));
      for (const scope of scopes) {
        let listed: string[];
        try {
          const page = await reader.list(
            user,
            { bodyId: scope.bodyId, includeSubBodies: scope.includeSubBodies },
            { first: 100 },
            new RequestMemo(),
          );
          listed = page.edges.map((e) => e.node.id).sort();
        } catch {
          continue; // a body the viewer may not read: NOT_FOUND, as everywhere
        }
        const expected = items
          .filter((i) => scope.bodyIds.includes(i.bodyId) && visible.has(i.id))
          .map((i) => i.id)
          .sort();
        if (JSON.stringify(listed) !== JSON.stringify(expected)) {
          disagreements.push(`${label} / ${scope.label}: listed ${listed.length}, visible ${expected.length}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  }, 180_000);

  it('says what the rule is on a few pairs, so that both cannot be wrong together', async () => {
    const visible = async (label: string) => {
      const viewer = viewers.find((v) => v.label === label)!;
      return (
        await reader.visibleByIds(
          viewer.user,
          items.map((i) => i.id),
        )
      ).map((i) => items.find((x) => x.id === i.id)!.label);
    };
    const publicCommitments = items
      .filter((i) => i.isCommitment && /on (pub|pubSub)$/.test(i.label))
      .map((i) => i.label);
    expect((await visible('admin')).length).toBe(items.length);
    expect((await visible('anonymous')).sort()).toEqual([...publicCommitments].sort());
    expect((await visible('outsider')).sort()).toEqual([...publicCommitments].sort());
    // A chair reads the body and every body beneath it whole; a member their own body only.
    expect(await visible('CHAIR of priv')).toEqual(
      expect.arrayContaining(items.filter((i) => /on (priv|sub|subSub|pubSub)$/.test(i.label)).map((i) => i.label)),
    );
    expect(await visible('MEMBER of priv')).not.toContain('task owned by an organization on sub');
    // The owner organization's focal point answers for its items in the reporting line only.
    const focal = await visible('focal point of the owner organization on sub');
    expect(focal).toEqual(
      expect.arrayContaining(['task owned by an organization on priv', 'task owned by a person on subSub']),
    );
    expect(focal).not.toContain('task owned by an organization on elsewhere');
    expect(await visible('focal point of the co-owner organization on elsewhere')).toContain(
      'task co-owned on elsewhere',
    );
    expect(await visible('invitee (not a member) to a meeting of the private sub-body')).not.toContain(
      'task owned by an organization on sub',
    );
  });
});
