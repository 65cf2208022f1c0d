import { createContext, ReactNode, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { cacheExchange, Client, fetchExchange, Provider } from 'urql';
import { useI18n } from '../i18n/i18n';
import { authenticatedFetch, Session, SessionState } from './session';

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function useSessionState(): SessionState {
  const session = useSession();
  return useSyncExternalStore(
    (cb) => session.subscribe(cb),
    () => session.current,
  );
}

/**
 * The session and the GraphQL client (urql: a small client, ~8 kB gz against Apollo Client's ~40 kB, and its
 * document cache is all these pages need). A new client per signed-in user, so that nothing one person saw is
 * served from cache to the next one on the same device. Every request says the reader's language
 * (Accept-Language), so that the API's error messages and translated content come back in it; a new client per
 * language too, so that what was read in the previous one is fetched again rather than served from cache.
 */
export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  const state = useSyncExternalStore(
    (cb) => session.subscribe(cb),
    () => session.current,
  );
  const userId = state.status === 'signedIn' || state.status === 'expired' ? state.user.id : null;
  const { locale } = useI18n();
  const client = useMemo(
    () =>
      new Client({
        url: '/graphql',
        exchanges: [cacheExchange, fetchExchange],
        fetch: authenticatedFetch(session),
        requestPolicy: 'cache-and-network',
        preferGetMethod: false,
        fetchOptions: { headers: { 'accept-language': locale } },
      }),
    [session, userId, locale],
  );
  useEffect(() => {
    if (session.current.status === 'loading') void session.restore();
  }, [session]);
  return (
    <SessionContext.Provider value={session}>
      <Provider value={client}>{children}</Provider>
    </SessionContext.Provider>
  );
}
