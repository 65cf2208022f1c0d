import { MemberRole, StakeholderSector } from '@coord/registry';
import { TestApp } from '@coord/testing';
import { RegistryFixture } from './fixtures';

/**
 * The registry the action-lists-*.int-spec.ts files share (they were one file): a public national body with two
 * public county units, a private working group, two public bodies in far-apart time zones; a member of the private
 * group, an outsider and a civil-society focal point, signed in; and a way to insert items directly.
 */
export async function seedActionLists(t: TestApp) {
  const f = new RegistryFixture(t);
  const ids: Record<string, string> = {};
  const admin = (await t.signIn()).token;
  const ministry = await f.organization('Ministry of Labour');
  const cso = await f.organization('Migrant Workers’ Forum', StakeholderSector.CIVIL_SOCIETY);
  const county = await f.organization('County Government of Mombasa', StakeholderSector.SUBNATIONAL_GOVERNMENT);
  ids.ministry = ministry.id;
  ids.cso = cso.id;
  ids.county = county.id;
  const ncm = await f.body('NCM', { isPublic: true });
  ids.ncm = ncm.id;
  ids.mombasa = (await f.body('Mombasa County Unit', { parentId: ncm.id, isPublic: true })).id;
  ids.kisumu = (await f.body('Kisumu County Unit', { parentId: ncm.id, isPublic: true })).id;
  ids.private = (await f.body('Private TWG', { isPublic: false })).id;
  ids.kiritimati = (await f.body('Line Islands forum', { timezone: 'Pacific/Kiritimati', isPublic: true })).id;
  ids.pagoPago = (await f.body('Tutuila forum', { timezone: 'Pacific/Pago_Pago', isPublic: true })).id;
  const member = (await f.signedInPerson('TWG Member', ministry.id, { bodyId: ids.private, role: MemberRole.MEMBER }))
    .token;
  const outsider = (await f.signedInPerson('Outsider', ministry.id)).token;
  const focal = await f.signedInPerson('Forum Focal', cso.id, { bodyId: ids.ncm, role: MemberRole.FOCAL_POINT });

  /** Inserts items directly (the mutations are tested elsewhere); returns their ids. */
  const insertItems = async (
    bodyId: string,
    n: number,
    values: {
      isCommitment?: boolean;
      ownerOrganizationId?: string;
      dueOn?: string | null;
      status?: string;
      title?: string;
    } = {},
  ) => {
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `INSERT INTO action_items (body_id, title, is_commitment, owner_organization_id, due_on, status, progress_percent, completed_at)
       SELECT $1, $2 || ' ' || g, $3, $4, $5, $6, CASE WHEN $6 = 'DONE' THEN 100 ELSE 20 END, CASE WHEN $6 = 'DONE' THEN now() END
       FROM generate_series(1, $7) g RETURNING id`,
      [
        bodyId,
        values.title ?? 'Item',
        values.isCommitment ?? false,
        values.ownerOrganizationId ?? ids.ministry,
        values.dueOn === undefined ? '2030-01-01' : values.dueOn,
        values.status ?? 'OPEN',
        n,
      ],
    );
    return rows.map((r) => r.id);
  };
  return { f, admin, member, outsider, focal, ids, insertItems };
}

export type ActionListsSeed = Awaited<ReturnType<typeof seedActionLists>>;

export const LIST = `query($filter: ActionItemFilter, $first: Int) { actionItems(filter: $filter, first: $first) {
    totalCount edges { node { id title isOverdue status body { id name } ownerOrganization { name } ownerPerson { fullName }
      frameworkTargets { code } updates { note author { fullName } } } } } }`;
