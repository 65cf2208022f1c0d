import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { I18nProvider, useT } from '../i18n/i18n';
import { ActionItemPage } from '../public/ActionItemPage';
import { BodyPage } from '../public/BodyPage';
import { Directory } from '../public/Directory';
import { MeetingPage } from '../public/MeetingPage';
import { Loading } from '../ui/ui';
import { Layout } from './Layout';
import type { Session } from './session';
import { SessionProvider, useSessionState } from './SessionProvider';
import { SignInPage } from './SignIn';
import { AcceptInvitationPage, ResetPasswordPage } from './AccountLinks';

// Pages a first visit rarely needs load on demand, keeping the initial JavaScript small.
const Dashboard = lazy(() => import('../public/Dashboard'));
const MyActions = lazy(() => import('../my-work/MyActions'));
const MyMeetings = lazy(() => import('../my-work/MyMeetings'));
const Notifications = lazy(() => import('../my-work/Notifications'));
const Preferences = lazy(() => import('../my-work/Preferences'));
// The secretariat console: its own chunks, fetched only by those who open it.
const Console = lazy(() => import('../console/Console'));
const BodiesTree = lazy(() => import('../console/BodiesTree'));
const BodyConsole = lazy(() => import('../console/BodyConsole'));
const MeetingConsole = lazy(() => import('../console/MeetingConsole'));
const Actions = lazy(() => import('../console/Actions'));
const ActionConsolePage = lazy(() => import('../console/ActionConsolePage'));
const Reports = lazy(() => import('../console/Reports'));
const Translations = lazy(() => import('../console/Translations'));
const Audit = lazy(() => import('../console/Audit'));
const AdminJobs = lazy(() => import('../console/AdminJobs'));

/** Pages of "my work": sign-in first, then back here. */
function RequireSignIn() {
  const state = useSessionState();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return <Outlet />;
}

const lazyPage = (Page: React.ComponentType) => (
  <Suspense fallback={<Loading />}>
    <Page />
  </Suspense>
);

/** The routes; the API serves index.html for each first segment here (libs/platform/src/web/web-app.ts). */
export const routes = [
  {
    element: <Layout />,
    children: [
      { path: '/', element: <Directory /> },
      { path: '/bodies/:id', element: <BodyPage /> },
      { path: '/dashboard', element: lazyPage(Dashboard) },
      { path: '/meetings/:id', element: <MeetingPage /> },
      { path: '/action-items/:id', element: <ActionItemPage /> },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/accept-invitation', element: <AcceptInvitationPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      {
        path: '/my',
        element: <RequireSignIn />,
        children: [
          { index: true, element: <Navigate to="/my/actions" replace /> },
          { path: 'actions', element: lazyPage(MyActions) },
          { path: 'meetings', element: lazyPage(MyMeetings) },
          { path: 'notifications', element: lazyPage(Notifications) },
          { path: 'preferences', element: lazyPage(Preferences) },
        ],
      },
      {
        path: '/console',
        element: <RequireSignIn />,
        children: [
          {
            element: lazyPage(Console),
            children: [
              { index: true, element: lazyPage(BodiesTree) },
              { path: 'bodies/:id', element: lazyPage(BodyConsole) },
              { path: 'meetings/:id', element: lazyPage(MeetingConsole) },
              { path: 'actions', element: lazyPage(Actions) },
              { path: 'actions/:id', element: lazyPage(ActionConsolePage) },
              { path: 'reports', element: lazyPage(Reports) },
              { path: 'translations', element: lazyPage(Translations) },
              { path: 'audit/:type/:id', element: lazyPage(Audit) },
              { path: 'admin', element: lazyPage(AdminJobs) },
            ],
          },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];

function NotFound() {
  const t = useT();
  return (
    <section>
      <h1>{t('common.notFound')}</h1>
    </section>
  );
}

const router = typeof window === 'undefined' ? null : createBrowserRouter(routes);

export function App({ session }: { session: Session }) {
  return (
    <I18nProvider>
      <SessionProvider session={session}>
        <RouterProvider router={router!} />
      </SessionProvider>
    </I18nProvider>
  );
}
