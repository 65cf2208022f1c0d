import { NavLink, Outlet } from 'react-router';
import { useT } from '../i18n/i18n';
import { Loading } from '../ui/ui';
import { AccessProvider, useAccess } from './access';

function Shell() {
  const t = useT();
  const access = useAccess();
  if (access.loading) return <Loading />;
  if (!access.managed.size) {
    return (
      <section>
        <h1>{t('console.title')}</h1>
        <p>{t('console.notAllowed')}</p>
      </section>
    );
  }
  return (
    <div className="console">
      <nav aria-label={t('console.nav')} className="subnav">
        <ul>
          <li>
            <NavLink to="/console" end>
              {t('console.bodies')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/console/actions">{t('console.actions')}</NavLink>
          </li>
          <li>
            <NavLink to="/console/reports">{t('console.reports')}</NavLink>
          </li>
          <li>
            <NavLink to="/console/translations">{t('console.translations')}</NavLink>
          </li>
          {access.isAdmin && (
            <li>
              <NavLink to="/console/admin">{t('console.admin')}</NavLink>
            </li>
          )}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

/** The secretariat console: loaded on demand, for the chair, co-chair and secretariat of a body, and admins. */
export default function Console() {
  return (
    <AccessProvider>
      <Shell />
    </AccessProvider>
  );
}
