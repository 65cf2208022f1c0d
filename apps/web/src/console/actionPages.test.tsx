import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { useActionPages } from './actionPages';

const node = (i: number) => ({
  id: `a${i}`,
  title: `Item ${i}`,
  status: 'OPEN',
  dueOn: null,
  isOverdue: false,
  isCommitment: true,
  progressPercent: 0,
  body: { id: 'b1', name: 'NCM', subdivisionCode: null },
  ownerPerson: null,
  ownerOrganization: { id: `o${i % 2}`, name: `Org ${i % 2}`, sector: 'CIVIL_SOCIETY' },
  frameworkTargets: [],
});

/** A fake API with `total` items, paged by `first` and an index cursor. */
function fakeClient(total: number) {
  const calls: any[] = [];
  const query = vi.fn((_doc: unknown, variables: any) => {
    calls.push(variables);
    const start = variables.after ? Number(variables.after) : 0;
    const end = Math.min(total, start + variables.first);
    const edges = Array.from({ length: end - start }, (_, k) => ({ node: node(start + k) }));
    return {
      toPromise: () =>
        Promise.resolve({
          data: {
            actionItems: {
              totalCount: total,
              pageInfo: { endCursor: String(end), hasNextPage: end < total },
              edges,
            },
          },
        }),
    };
  });
  return { client: { query } as any, calls };
}

describe('useActionPages', () => {
  it('loads the first page, adds the next on loadMore, and everything left (in pages of 100) for the CSV', async () => {
    const { client, calls } = fakeClient(260);
    const wrapper = ({ children }: { children: ReactNode }) => <Provider value={client}>{children}</Provider>;
    const { result } = renderHook(() => useActionPages({ ownerSector: 'CIVIL_SOCIETY' }), { wrapper });
    await waitFor(() => expect(result.current.loaded).toBe(true));
    expect(result.current.rows).toHaveLength(50);
    expect(result.current.total).toBe(260);
    expect(result.current.hasMore).toBe(true);
    expect(calls[0]).toEqual({ filter: { ownerSector: 'CIVIL_SOCIETY' }, first: 50, after: null });
    expect([...result.current.owners.keys()].sort()).toEqual(['o:o0', 'o:o1']);

    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.rows).toHaveLength(100));
    expect(calls.at(-1)).toMatchObject({ first: 50, after: '50' });

    let all: unknown[] | null = null;
    await act(async () => {
      all = await result.current.loadAll();
    });
    expect(all).toHaveLength(260);
    expect(result.current.hasMore).toBe(false);
    expect(calls.slice(-2).map((c) => [c.first, c.after])).toEqual([
      [100, '100'],
      [100, '200'],
    ]);
  });

  it('starts again from the first page when the filter changes', async () => {
    const { client, calls } = fakeClient(70);
    const wrapper = ({ children }: { children: ReactNode }) => <Provider value={client}>{children}</Provider>;
    const { result, rerender } = renderHook(({ sector }) => useActionPages({ ownerSector: sector as any }), {
      wrapper,
      initialProps: { sector: 'CIVIL_SOCIETY' },
    });
    await waitFor(() => expect(result.current.loaded).toBe(true));
    rerender({ sector: 'TRADE_UNION' });
    expect(result.current.rows).toHaveLength(0);
    await waitFor(() => expect(result.current.loaded).toBe(true));
    expect(calls.at(-1)).toEqual({ filter: { ownerSector: 'TRADE_UNION' }, first: 50, after: null });
  });
});
