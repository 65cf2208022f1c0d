import { createContext, ReactNode, useContext, useMemo, useRef } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ConsoleAccessQuery } from '../gql/graphql';
import { managedBodyIds } from './view';

const ConsoleAccess = graphql(`
  query ConsoleAccess {
    me {
      id
      platformRole
      person {
        id
        fullName
        memberships {
          id
          role
          body {
            id
          }
        }
      }
    }
    coordinationBodies(first: 100) {
      edges {
        node {
          id
          name
          acronym
          kind
          level
          status
          subdivisionCode
          parent {
            id
          }
        }
      }
    }
  }
`);

export type ConsoleBody = ConsoleAccessQuery['coordinationBodies']['edges'][number]['node'];

export interface Access {
  loading: boolean;
  isAdmin: boolean;
  bodies: ConsoleBody[];
  managed: Set<string>;
  canManage: (bodyId: string) => boolean;
}

const AccessContext = createContext<Access | null>(null);

/** Who may use the console and for which bodies (the API checks every action again). */
export function AccessProvider({ children }: { children: ReactNode }) {
  const [result] = useQuery({ query: ConsoleAccess });
  // A mutation that returns a Person or a Membership makes the document cache fetch this again: keep the last answer
  // meanwhile, so that the console (and what the user typed in it) never unmounts behind a loading message.
  const last = useRef(result.data);
  if (result.data) last.current = result.data;
  const data = last.current;
  const fetching = result.fetching;
  const value = useMemo<Access>(() => {
    const bodies = data?.coordinationBodies.edges.map((e) => e.node) ?? [];
    const isAdmin = data?.me?.platformRole === 'ADMIN';
    const managed = managedBodyIds(data?.me?.person?.memberships ?? [], bodies, isAdmin);
    return { loading: fetching && !data, isAdmin, bodies, managed, canManage: (id) => managed.has(id) };
  }, [data, fetching]);
  return <AccessContext.Provider value={value}>{children}</AccessContext.Provider>;
}

export function useAccess(): Access {
  const value = useContext(AccessContext);
  if (!value) throw new Error('useAccess outside AccessProvider');
  return value;
}
