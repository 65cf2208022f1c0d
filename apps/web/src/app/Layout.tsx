import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { graphql } from '../gql';
import { useQuery } from 'urql';
import { CATALOGS, useI18n, useT } from '../i18n/i18n';
import { Button, SelectField } from '../ui/ui';
import { SessionExpiredDialog } from './SignIn';
import { useChooseLocale, useFollowAccountLocale } from './accountLocale';
import { useSession, useSessionState } from './SessionProvider';

const UnreadCountQuery = graphql(`
  query UnreadCount {
    notifications(first: 1, unreadOnly: true) {
      unreadCount
    }
  }
`);

function UnreadBadge() {
  const t = useT();
  const [{ data }] = useQuery({ query: UnreadCountQuery, requestPolicy: 'cache-and-network' });
  const count = data?.notifications.unreadCount ?? 0;
  return (
    <NavLink to="/my/notifications">
      {t('nav.notifications')}
      {count > 0 && (
        <span className="count" aria-label={t('nav.unread', { count })}>
          {count}
        </span>
      )}
    </NavLink>
  );
}

const ConsoleRolesQuery = graphql(`
  query ConsoleRoles {
    me {
      id
      platformRole
      person {
        id
        memberships {
          id
          role
        }
      }
    }
  }
`);

/** The console's entry, for admins and the chair, co-chair or secretariat of some body only. */
function ConsoleLink() {
  const t = useT();
  const [{ data }] = useQuery({ query: ConsoleRolesQuery });
  const me = data?.me;
  const manager =
    me?.platformRole === 'ADMIN' ||
    !!me?.person?.memberships.some((m) => ['CHAIR', 'CO_CHAIR', 'SECRETARIAT'].includes(m.role));
  if (!manager) return null;
  return (
    <li>
      <NavLink to="/console">{t('nav.console')}</NavLink>
    </li>
  );
}

function LanguagePicker() {
  const { locale, t } = useI18n();
  const setLocale = useChooseLocale();
  useFollowAccountLocale();
  return (
    <div className="language">
      <SelectField inline label={t('nav.language')} value={locale} onChange={(next) => void setLocale(next)}>
        {Object.keys(CATALOGS).map((code) => (
          <option key={code} value={code} lang={code}>
            {CATALOGS[code]['language.name']}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

export function Layout() {
  const t = useT();
  const state = useSessionState();
  const session = useSession();
  const navigate = useNavigate();
  const signedIn = state.status === 'signedIn' || state.status === 'expired';
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.label')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.directory')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/dashboard">{t('nav.dashboard')}</NavLink>
            </li>
            {signedIn && (
              <>
                <li>
                  <NavLink to="/my/actions">{t('nav.myActions')}</NavLink>
                </li>
                <li>
                  <NavLink to="/my/meetings">{t('nav.myMeetings')}</NavLink>
                </li>
                <li>
                  <UnreadBadge />
                </li>
                <li>
                  <NavLink to="/my/preferences">{t('nav.preferences')}</NavLink>
                </li>
                <ConsoleLink />
              </>
            )}
          </ul>
        </nav>
        <div className="header-tools">
          <LanguagePicker />
          {signedIn ? (
            <Button
              variant="secondary"
              onPress={async () => {
                await session.signOut();
                navigate('/');
              }}
            >
              {t('nav.signOut')}
            </Button>
          ) : (
            <Link to="/sign-in" className="button button-secondary">
              {t('nav.signIn')}
            </Link>
          )}
        </div>
      </header>
      <main id="main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
      {state.status === 'expired' && <SessionExpiredDialog email={state.user.email} />}
    </>
  );
}
