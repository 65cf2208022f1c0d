/**
 * Small-cell and complementary suppression of aggregate counts, a pure rule (no Nest, no SQL).
 *
 * The data: counts per combination of values of some dimensions (sex, age band, locality, body), the *finest*
 * cells. A reader may ask for the sums grouped by any subset of those dimensions: together the tables of every
 * subset (the cube). In the cube every cell of a table equals the sum of its children one dimension finer, an
 * equation a reader can write down from two answers.
 *
 * Rule, applied to the whole cube at once, so that every grouping of the same data hides consistently:
 * 1. Primary: a cell below MIN_CELL (5) is hidden, in every table.
 * 2. Complementary: no equation (a cell and its children along one dimension) may hold exactly one hidden
 *    member, since it would be the difference of the others. While one does, another member is hidden: the
 *    smallest shown child, or the parent cell when every child is hidden already.
 * Repeated until no equation has exactly one hidden member. Equations can still be combined (a hidden cell may
 * be the sum of shown cells minus another hidden one known elsewhere), so:
 * 3. Audit: for up to AUDIT_LIMIT finest cells, each hidden cell is checked to be no linear combination of the
 *    values shown in all groupings (Gaussian elimination over the finest cells); while one is, the smallest shown
 *    cell of an equation it belongs to is hidden as well. Larger data sets keep rules 1 and 2 only.
 * Not covered: differences between answers for different scopes (another
 * period, body or includeSubBodies), which a determined reader could still compare.
 */
export const MIN_CELL = 5;

export interface CountCell {
  /** One value per dimension, in the same order for every cell. */
  key: readonly string[];
  count: number;
}

export interface SuppressedCube {
  /** Whether the cell of the table grouped by `dims` (indexes into the key) with these values is hidden. */
  hidden(dims: readonly number[], values: readonly string[]): boolean;
}

const id = (mask: number, values: readonly string[]) => `${mask}|${JSON.stringify(values)}`;
const project = (key: readonly string[], mask: number) => key.filter((_, d) => mask & (1 << d));

export function suppressCube(fine: readonly CountCell[]): SuppressedCube {
  const dims = fine[0]?.key.length ?? 0;
  const count = new Map<string, number>();
  for (let mask = 0; mask < 1 << dims; mask++) {
    for (const cell of fine) {
      const k = id(mask, project(cell.key, mask));
      count.set(k, (count.get(k) ?? 0) + cell.count);
    }
  }
  const hidden = new Set([...count].filter(([, n]) => n < MIN_CELL).map(([k]) => k));
  // Equations: parent cell (mask without d) -> its children (mask with d).
  const equations = new Map<string, Set<string>>();
  for (let mask = 0; mask < 1 << dims; mask++) {
    for (let d = 0; d < dims; d++) {
      if (!(mask & (1 << d))) continue;
      for (const cell of fine) {
        const parent = `${d}:${id(mask & ~(1 << d), project(cell.key, mask & ~(1 << d)))}`;
        const children = equations.get(parent) ?? new Set<string>();
        children.add(id(mask, project(cell.key, mask)));
        equations.set(parent, children);
      }
    }
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const [parentKey, childSet] of equations) {
      const parent = parentKey.slice(parentKey.indexOf(':') + 1);
      const children = [...childSet];
      const members = [parent, ...children];
      if (members.filter((m) => hidden.has(m)).length !== 1) continue;
      const shown = children.filter((c) => !hidden.has(c));
      const pick = shown.length ? shown.reduce((best, c) => (count.get(c)! < count.get(best)! ? c : best)) : parent;
      hidden.add(pick);
      changed = true;
    }
  }
  auditLinearly(fine, dims, count, hidden, equations);
  return {
    hidden: (cellDims, values) => {
      const mask = cellDims.reduce((m, d) => m | (1 << d), 0);
      // Values in key order, whatever order the dimensions were asked in.
      const ordered = [...cellDims.keys()].sort((a, b) => cellDims[a] - cellDims[b]).map((i) => values[i]);
      return hidden.has(id(mask, ordered));
    },
  };
}

/** Beyond this many finest cells the linear audit (rule 3) is skipped: its cost grows with the cube's size cubed. */
export const AUDIT_LIMIT = 150;

/** Rule 3: hide more until no hidden cell is a linear combination of the shown ones. Mutates `hidden`. */
function auditLinearly(
  fine: readonly CountCell[],
  dims: number,
  count: Map<string, number>,
  hidden: Set<string>,
  equations: Map<string, Set<string>>,
) {
  if (fine.length > AUDIT_LIMIT || dims === 0) return;
  const vectors = new Map<string, number[]>();
  for (let mask = 0; mask < 1 << dims; mask++) {
    fine.forEach((cell, i) => {
      const k = id(mask, project(cell.key, mask));
      const v = vectors.get(k) ?? new Array<number>(fine.length).fill(0);
      v[i] += 1;
      vectors.set(k, v);
    });
  }
  const neighbours = new Map<string, Set<string>>();
  for (const [parentKey, children] of equations) {
    const members = [parentKey.slice(parentKey.indexOf(':') + 1), ...children];
    for (const m of members) {
      const set = neighbours.get(m) ?? new Set<string>();
      members.forEach((x) => x !== m && set.add(x));
      neighbours.set(m, set);
    }
  }
  for (let round = 0; round < vectors.size; round++) {
    const basis = echelon([...vectors].filter(([k]) => !hidden.has(k)).map(([, v]) => v));
    const exposed = [...hidden].find((k) => inSpan(basis, vectors.get(k)!));
    if (!exposed) return;
    const candidates = [...(neighbours.get(exposed) ?? [])].filter((k) => !hidden.has(k));
    const pool = candidates.length ? candidates : [...vectors.keys()].filter((k) => !hidden.has(k));
    if (!pool.length) return;
    hidden.add(pool.reduce((best, k) => (count.get(k)! < count.get(best)! ? k : best)));
  }
}

/** Rows reduced to echelon form (pivot column recorded), for span tests. */
function echelon(rows: number[][]): Array<{ pivot: number; row: number[] }> {
  const basis: Array<{ pivot: number; row: number[] }> = [];
  for (const original of rows) {
    const row = reduce(basis, [...original]);
    const pivot = row.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot >= 0) basis.push({ pivot, row: row.map((x) => x / row[pivot]) });
  }
  return basis;
}

function reduce(basis: Array<{ pivot: number; row: number[] }>, row: number[]): number[] {
  for (const b of basis) {
    const f = row[b.pivot];
    if (Math.abs(f) > 1e-9) for (let i = 0; i < row.length; i++) row[i] -= f * b.row[i];
  }
  return row;
}

function inSpan(basis: Array<{ pivot: number; row: number[] }>, vector: number[]): boolean {
  return reduce(basis, [...vector]).every((x) => Math.abs(x) < 1e-9);
}
