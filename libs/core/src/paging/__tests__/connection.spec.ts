import { SelectQueryBuilder } from 'typeorm';
import { cursorAfter, keysetBatches, pageSize, toConnection } from '../connection';

interface Row {
  id: string;
  at: Date;
}

const rows: Row[] = Array.from({ length: 7 }, (_, i) => ({
  id: `id-${i}`,
  at: new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 2))),
}));

/** A query builder over `rows` that understands what keysetBatches asks of one: the keyset, the order, the limit. */
function fakeQb(queries: string[]): SelectQueryBuilder<Row> {
  const make = (after: [string, string] | null, limit: number): any => {
    const qb = {
      alias: 'r',
      clone: () => make(after, limit),
      // TypeORM's builders change themselves and return themselves.
      andWhere: (sql: string, params: { cursorSort: string; cursorId: string }) => {
        expect(sql).toBe('(r.at, r.id) > (:cursorSort, :cursorId)');
        after = [params.cursorSort, params.cursorId];
        return qb;
      },
      orderBy: () => qb,
      addOrderBy: () => qb,
      limit: (n: number) => {
        limit = n;
        return qb;
      },
      getMany: async () => {
        if (queries.length > 10) throw new Error('no end');
        queries.push(after ? after.join('/') : 'start');
        return rows.filter((r) => !after || [r.at.toISOString(), r.id].join('/') > after.join('/')).slice(0, limit);
      },
    };
    return qb;
  };
  return make(null, Infinity);
}

describe('paging', () => {
  it('caps the page size and reads only the cursors it writes', () => {
    expect(pageSize({ first: 500 })).toBe(100);
    expect(pageSize({ first: -1 })).toBe(0);
    expect(pageSize({})).toBe(20);
    expect(cursorAfter({})).toBeNull();
    expect(() => cursorAfter({ after: 'not-a-cursor' })).toThrow('after is not a cursor this API returned');
  });

  it('builds a connection from one row more than the page, with cursors that point after its last row', () => {
    const page = toConnection(rows.slice(0, 4), 3, 7, (r) => r.at);
    expect(page.edges.map((e) => e.node.id)).toEqual(['id-0', 'id-1', 'id-2']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.totalCount).toBe(7);
    expect(cursorAfter({ after: page.pageInfo.endCursor! })).toEqual(['2026-01-02T00:00:00.000Z', 'id-2']);
    const last = toConnection(rows.slice(6), 3, 7, (r) => r.at);
    expect(last.pageInfo).toEqual({ hasNextPage: false, endCursor: last.edges[0].cursor });
    expect(toConnection([], 3, 0, (r: Row) => r.at).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('streams every row once in batches, one query per batch, and stops at a short batch', async () => {
    const queries: string[] = [];
    const batches: string[][] = [];
    for await (const batch of keysetBatches(fakeQb(queries), 3, { sortExpression: 'r.at', sortValue: (r) => r.at })) {
      batches.push(batch.map((r) => r.id));
    }
    expect(batches).toEqual([['id-0', 'id-1', 'id-2'], ['id-3', 'id-4', 'id-5'], ['id-6']]);
    expect(queries).toEqual(['start', '2026-01-02T00:00:00.000Z/id-2', '2026-01-03T00:00:00.000Z/id-5']);
  });
});
