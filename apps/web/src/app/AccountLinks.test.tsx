import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { AcceptInvitationPage, ForgotPasswordForm, ResetPasswordPage } from './AccountLinks';
import { useFollowAccountLocale } from './accountLocale';
import { Session } from './session';
import { SessionProvider } from './SessionProvider';

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
const signedIn = (locale = 'en') => ({
  accessToken: 'token-1',
  expiresAt: new Date(Date.now() + 900_000).toISOString(),
  user: { id: 'u1', email: 'amina@example.org', locale, platformRole: 'USER' },
});

/** A fake API: anonymous on load, `answer` for everything else; records each request. */
function fakeApi(answer: (path: string, body: any) => Response) {
  const calls: Array<{ path: string; body: any }> = [];
  const fetchImpl = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const path = String(url);
    if (path === '/auth/session/refresh') return json(204, undefined);
    const body = JSON.parse(String(init?.body ?? '{}'));
    calls.push({ path, body });
    return answer(path, body);
  });
  // The GraphQL client's fetch is the global one (SessionProvider); the session routes go through the Session's.
  vi.stubGlobal('fetch', fetchImpl);
  return { session: new Session(fetchImpl as unknown as typeof fetch), calls };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

function LocaleShown() {
  useFollowAccountLocale();
  return <p data-testid="locale">{useI18n().locale}</p>;
}

function renderAt(url: string, session: Session) {
  const router = createMemoryRouter(
    [
      { path: '/accept-invitation', element: <AcceptInvitationPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/sign-in', element: <ForgotPasswordForm /> },
      { path: '/my/actions', element: <h1>My actions</h1> },
    ],
    { initialEntries: [url] },
  );
  render(
    <I18nProvider initial="en">
      <SessionProvider session={session}>
        <RouterProvider router={router} />
        <LocaleShown />
      </SessionProvider>
    </I18nProvider>,
  );
  return router;
}

describe('accept invitation and reset password pages', () => {
  it("shows the API's password policy message next to the field, then signs in through the cookie step", async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const api = fakeApi((path) => {
      if (path !== '/auth/session/accept-invitation') return json(404, {});
      return ++attempts === 1
        ? json(400, {
            error: {
              code: 'BAD_USER_INPUT',
              message: 'password is one of the most common passwords',
              field: 'password',
            },
          })
        : json(200, signedIn('fr'));
    });
    const router = renderAt('/accept-invitation?token=abc123', api.session);
    expect(await screen.findByRole('heading', { name: 'Accept your invitation' })).toBeInTheDocument();
    const password = screen.getByLabelText('Password');
    expect(password).toHaveAttribute('autocomplete', 'new-password');
    await user.type(password, 'password123456');
    await user.click(screen.getByRole('button', { name: 'Save the password and sign in' }));
    expect(await screen.findByText('password is one of the most common passwords')).toBeInTheDocument();
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveValue('password123456');

    await user.clear(password);
    await user.type(password, 'violet harbour lantern 58');
    await user.click(screen.getByRole('button', { name: 'Save the password and sign in' }));
    expect(await screen.findByRole('heading', { name: 'My actions' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/my/actions');
    expect(api.calls.at(-1)).toEqual({
      path: '/auth/session/accept-invitation',
      body: { token: 'abc123', password: 'violet harbour lantern 58' },
    });
    expect(api.session.current.status).toBe('signedIn');
    // The interface follows the account's language once signed in.
    expect(screen.getByTestId('locale')).toHaveTextContent('fr');
  });

  it('puts the reset\'s "newPassword" message under the password field and a spent link at the top', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const api = fakeApi(() =>
      ++attempts === 1
        ? json(400, {
            error: {
              code: 'BAD_USER_INPUT',
              message: 'newPassword must not be your email address',
              field: 'newPassword',
            },
          })
        : json(400, {
            error: { code: 'BAD_USER_INPUT', message: 'This password reset link is not valid', field: 'token' },
          }),
    );
    renderAt('/reset-password?token=t0k', api.session);
    const password = await screen.findByLabelText('Password');
    await user.type(password, 'amina@example.org');
    await user.click(screen.getByRole('button', { name: 'Save the password and sign in' }));
    expect(await screen.findByText('newPassword must not be your email address')).toBeInTheDocument();
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(api.calls[0].path).toBe('/auth/session/reset-password');

    await user.click(screen.getByRole('button', { name: 'Save the password and sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This password reset link is not valid');
    expect(password).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('says a link without its token is incomplete and sends nothing', async () => {
    const api = fakeApi(() => json(500, {}));
    renderAt('/accept-invitation', api.session);
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is incomplete');
    expect(screen.getByRole('button', { name: 'Save the password and sign in' })).toBeDisabled();
    expect(api.calls).toEqual([]);
  });
});

describe('forgot password form', () => {
  it('asks for a reset link and says the same thing whatever the email', async () => {
    const user = userEvent.setup();
    const api = fakeApi(() => json(200, { data: { requestPasswordReset: true } }));
    renderAt('/sign-in', api.session);
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('');
    await user.type(screen.getByLabelText('Email'), 'nobody@example.org');
    await user.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(await screen.findByText(/a link to choose a new password is on its way/)).toBeInTheDocument();
    expect(api.calls[0].path).toBe('/graphql');
    expect(api.calls[0].body.variables).toEqual({ email: 'nobody@example.org' });
  });
});
