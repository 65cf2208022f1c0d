import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { graphql } from '../gql';
import type { ActionItemFilter, ConsoleActionsQuery } from '../gql/graphql';
import { ApiError, apiErrors } from '../ui/errors';

export const ConsoleActionsDoc = graphql(`
  query ConsoleActions($filter: ActionItemFilter!, $first: Int!, $after: String) {
    actionItems(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          title
          status
          dueOn
          isOverdue
          isCommitment
          progressPercent
          body {
            id
            name
            subdivisionCode
          }
          ownerPerson {
            id
            fullName
          }
          ownerOrganization {
            id
            name
            sector
          }
          frameworkTargets {
            code
          }
        }
      }
    }
  }
`);

export type ActionRow = ConsoleActionsQuery['actionItems']['edges'][number]['node'];
export const PAGE_SIZE = 50;
/** The CSV loads what is left in pages of this size (the API's maximum). */
const CSV_PAGE_SIZE = 100;

/** The owner filter's value in the address: `o:<id>` for an organization, `p:<id>` for a person. */
export function ownerFilter(owner: string): Pick<ActionItemFilter, 'ownerOrganizationId' | 'ownerPersonId'> {
  if (owner.startsWith('o:')) return { ownerOrganizationId: owner.slice(2) };
  if (owner.startsWith('p:')) return { ownerPersonId: owner.slice(2) };
  return {};
}

/** Adds a page to the rows loaded so far, each item once (an item may move between pages while one reads). */
export function appendPage(rows: ActionRow[], page: ActionRow[]): ActionRow[] {
  const seen = new Set(rows.map((r) => r.id));
  return [...rows, ...page.filter((r) => !seen.has(r.id))];
}

interface State {
  key: string;
  rows: ActionRow[];
  total: number;
  cursor: string | null;
  hasMore: boolean;
  loaded: boolean;
}

/**
 * The pages of the action list for one filter, loaded with the API's cursors: the first page when the filter
 * changes, the next one on loadMore, all that is left on loadAll (for the CSV). Owners seen stay listed in the
 * owner filter even when it narrows the list.
 */
export function useActionPages(filter: ActionItemFilter) {
  const client = useClient();
  const key = JSON.stringify(filter);
  const empty: State = { key, rows: [], total: 0, cursor: null, hasMore: false, loaded: false };
  const [state, setState] = useState<State>(empty);
  const [fetching, setFetching] = useState(false);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const owners = useRef(new Map<string, string>());
  const current = useRef(state);
  current.current = state.key === key ? state : empty;

  const fetchPage = useCallback(
    async (after: string | null, first: number) => {
      const res = await client
        .query(ConsoleActionsDoc, { filter: JSON.parse(key), first, after }, { requestPolicy: 'network-only' })
        .toPromise();
      if (res.error || !res.data) {
        setErrors(apiErrors(res.error));
        return null;
      }
      setErrors([]);
      const page = res.data.actionItems;
      for (const { node: a } of page.edges) {
        if (a.ownerOrganization) owners.current.set(`o:${a.ownerOrganization.id}`, a.ownerOrganization.name);
        if (a.ownerPerson) owners.current.set(`p:${a.ownerPerson.id}`, a.ownerPerson.fullName);
      }
      return page;
    },
    [client, key],
  );

  const load = useCallback(
    async (from: State, pages: number, first: number): Promise<ActionRow[] | null> => {
      setFetching(true);
      let next = from;
      try {
        for (let i = 0; i < pages && (i === 0 || next.hasMore); i++) {
          const page = await fetchPage(next.loaded ? next.cursor : null, first);
          if (!page) return null;
          next = {
            key,
            rows: appendPage(
              next.rows,
              page.edges.map((e) => e.node),
            ),
            total: page.totalCount,
            cursor: page.pageInfo.endCursor ?? null,
            hasMore: page.pageInfo.hasNextPage,
            loaded: true,
          };
          // A newer filter replaced this one meanwhile: its answer is not ours to show.
          if (current.current.key !== key) return null;
          setState(next);
        }
        return next.rows;
      } finally {
        setFetching(false);
      }
    },
    [fetchPage, key],
  );

  useEffect(() => {
    void load({ key, rows: [], total: 0, cursor: null, hasMore: false, loaded: false }, 1, PAGE_SIZE);
  }, [key, load]);

  const shown = current.current;
  return {
    rows: shown.rows,
    total: shown.total,
    hasMore: shown.hasMore,
    loaded: shown.loaded,
    fetching,
    errors,
    owners: owners.current,
    loadMore: () => void load(current.current, 1, PAGE_SIZE),
    loadAll: async () =>
      current.current.hasMore ? load(current.current, Number.MAX_SAFE_INTEGER, CSV_PAGE_SIZE) : current.current.rows,
  };
}
