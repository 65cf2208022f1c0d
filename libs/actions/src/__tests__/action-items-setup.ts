import { MemberRole, StakeholderSector } from '@coord/registry';
import { TestApp } from '@coord/testing';
import { CREATE, RegistryFixture } from './fixtures';

/**
 * The registry the action-items-*.int-spec.ts files share (they were one file): a public national body with a
 * chair, a secretariat, a member, two civil-society focal points and an owner, and a private working group; sign-in
 * tokens for each; and helpers bound to the app.
 */
export async function seedActionItems(t: TestApp) {
  const f = new RegistryFixture(t);
  const admin = (await t.signIn()).token;
  const ministry = await f.organization('Ministry of Interior');
  const cso = await f.organization('Refugee Consortium of Kenya', StakeholderSector.CIVIL_SOCIETY);
  const otherCso = await f.organization('Kituo Cha Sheria', StakeholderSector.CIVIL_SOCIETY);
  const ncm = await f.body('National Coordination Mechanism on Migration', { isPublic: true });
  const twg = await f.body('Labour Migration TWG', { isPublic: false });
  const ids: Record<string, string> = {
    ministry: ministry.id,
    cso: cso.id,
    otherCso: otherCso.id,
    ncm: ncm.id,
    twg: twg.id,
  };
  const chair = (await f.signedInPerson('Chair Person', ministry.id, { bodyId: ncm.id, role: MemberRole.CHAIR })).token;
  const secretariat = await f.signedInPerson('Secretariat Person', ministry.id, {
    bodyId: ncm.id,
    role: MemberRole.SECRETARIAT,
  });
  ids.secretariat = secretariat.person.id;
  ids.secretariatToken = secretariat.token;
  const member = (await f.signedInPerson('Plain Member', ministry.id, { bodyId: ncm.id, role: MemberRole.MEMBER }))
    .token;
  const outsider = (await f.signedInPerson('Outsider', ministry.id)).token;
  const csoFocal = await f.signedInPerson('CSO Focal', cso.id, { bodyId: ncm.id, role: MemberRole.FOCAL_POINT });
  const otherFocal = await f.signedInPerson('Other Focal', otherCso.id, {
    bodyId: ncm.id,
    role: MemberRole.FOCAL_POINT,
  });
  const owner = await f.signedInPerson('Owner Person', ministry.id);

  /** Creates an item on the national body (as the chair unless told), failing on any error. */
  const create = async (input: Record<string, unknown>, token = chair) => {
    const res = await t.gql(CREATE, { input: { bodyId: ids.ncm, ...input } }, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.createActionItem;
  };
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(sql, params))[0].count);
  /** The reminder intents of an item, in the order written. */
  const intents = (id: string) =>
    t.dataSource.query(
      `SELECT kind, dedupe_key, due_at, status, payload FROM reminder_intents WHERE subject_id = $1 ORDER BY created_at, dedupe_key`,
      [id],
    );
  return { f, admin, chair, member, outsider, csoFocal, otherFocal, owner, ids, create, count, intents };
}

export type ActionItemsSeed = Awaited<ReturnType<typeof seedActionItems>>;
