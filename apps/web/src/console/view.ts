/**
 * The console's data-to-view logic, kept pure for the component tests: who manages what, the hierarchy as a tree,
 * the composition check as rows and a sentence, agenda reordering and the CSV of the overdue list.
 */

/** Roles that manage a body (and the bodies beneath it), as the API's PolicyService has them. */
export const MANAGER_ROLES = ['CHAIR', 'CO_CHAIR', 'SECRETARIAT'] as const;

export interface BodyNode {
  id: string;
  name: string;
  acronym?: string | null;
  kind: string;
  parent?: { id: string } | null;
}

export interface TreeNode<T extends BodyNode> {
  body: T;
  children: TreeNode<T>[];
}

/** The hierarchy: roots are bodies whose parent is absent from the list; children in name order. */
export function buildTree<T extends BodyNode>(bodies: T[]): TreeNode<T>[] {
  const nodes = new Map(bodies.map((b) => [b.id, { body: b, children: [] as TreeNode<T>[] }]));
  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.body.parent ? nodes.get(node.body.parent.id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: TreeNode<T>[]) => {
    list.sort((a, b) => a.body.name.localeCompare(b.body.name));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** Ids of the bodies a user manages: those where they hold a manager role, and every body beneath one. */
export function managedBodyIds(
  memberships: Array<{ role: string; body: { id: string } }>,
  bodies: BodyNode[],
  isAdmin: boolean,
): Set<string> {
  if (isAdmin) return new Set(bodies.map((b) => b.id));
  const managed = new Set(
    memberships.filter((m) => (MANAGER_ROLES as readonly string[]).includes(m.role)).map((m) => m.body.id),
  );
  const parentOf = new Map(bodies.map((b) => [b.id, b.parent?.id]));
  for (const b of bodies) {
    for (let at = parentOf.get(b.id); at; at = parentOf.get(at)) {
      if (managed.has(at)) {
        managed.add(b.id);
        break;
      }
    }
  }
  return managed;
}

export interface CompositionRow {
  sector: string;
  members: number;
  required: number;
  missing: number;
}

/** One row per sector that has members or required seats: members, seats the ToR require, seats still missing. */
export function compositionRows(
  bySector: Array<{ sector: string; members: number }>,
  requiredSeats: Array<{ sector: string; minSeats: number }>,
  unfilled: Array<{ sector: string; minSeats: number }>,
): CompositionRow[] {
  const rows = new Map<string, CompositionRow>();
  const row = (sector: string) => {
    let r = rows.get(sector);
    if (!r) rows.set(sector, (r = { sector, members: 0, required: 0, missing: 0 }));
    return r;
  };
  for (const s of bySector) row(s.sector).members = s.members;
  for (const s of requiredSeats) row(s.sector).required = s.minSeats;
  for (const s of unfilled) row(s.sector).missing = s.minSeats;
  return [...rows.values()].sort((a, b) => b.missing - a.missing || b.members - a.members);
}

/** Moves an agenda item from one position to another (indexes), returning a new list. */
export function moveItem<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/** A CSV cell: quoted when needed, and a leading = + - @ neutralised so that a spreadsheet never runs it. */
export function csvCell(value: unknown): string {
  let text = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** An audit event's `changes` JSON ({field: [before, after]}) as readable rows; anything else as one raw row. */
export function auditChanges(changes: string): Array<{ field: string; before: string; after: string }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(changes);
  } catch {
    return [{ field: '', before: '', after: changes }];
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return [{ field: '', before: '', after: changes }];
  }
  const show = (v: unknown) => (v == null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return Object.entries(parsed as Record<string, unknown>).map(([field, v]) =>
    Array.isArray(v) && v.length === 2
      ? { field, before: show(v[0]), after: show(v[1]) }
      : { field, before: '—', after: show(v) },
  );
}

/** A datetime-local input's value (wall time in the browser) as an ISO instant; '' when empty or invalid. */
export function localToIso(value: string): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** An instant as a datetime-local input's value, in the browser's time zone. */
export function isoToLocal(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
