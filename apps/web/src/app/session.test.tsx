import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useQuery } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n';
import { authenticatedFetch, Session } from './session';
import { SessionProvider } from './SessionProvider';
import { SignInForm } from './SignIn';

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
const user = { id: 'u1', email: 'focal@example.org', locale: 'en', platformRole: 'USER' };
const tokens = (n: number) => ({
  accessToken: `token-${n}`,
  expiresAt: new Date(Date.now() + 900_000).toISOString(),
  user,
});
const unauthenticated = { errors: [{ message: 'Sign in to do this', extensions: { code: 'UNAUTHENTICATED' } }] };

/** A fake API: the session routes and a GraphQL endpoint that accepts only the token it is told to. */
function fakeApi(opts: { refreshWorks: boolean }) {
  let issued = 0;
  let valid = '';
  const graphqlCalls: Array<{ authorization: string | null; body: string }> = [];
  const fetchImpl = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const path = String(url);
    if (path === '/auth/session') {
      const { password } = JSON.parse(String(init?.body));
      if (password !== 'right')
        return json(401, { error: { code: 'UNAUTHENTICATED', message: 'The email or password is wrong' } });
      valid = `token-${++issued}`;
      return json(200, tokens(issued));
    }
    if (path === '/auth/session/refresh') {
      if (!opts.refreshWorks) return json(401, { error: { code: 'UNAUTHENTICATED', message: 'expired' } });
      valid = `token-${++issued}`;
      return json(200, tokens(issued));
    }
    const authorization = new Headers(init?.headers).get('authorization');
    graphqlCalls.push({ authorization, body: String(init?.body) });
    return authorization === `Bearer ${valid}` ? json(200, { data: { ok: true } }) : json(200, unauthenticated);
  });
  return { fetchImpl: fetchImpl as unknown as typeof fetch, graphqlCalls };
}

describe('authenticatedFetch', () => {
  it('renews an access token the API refused through the refresh cookie and sends the request again', async () => {
    const api = fakeApi({ refreshWorks: true });
    const session = new Session(api.fetchImpl);
    await session.signIn(user.email, 'right');
    session.forgetToken();
    const res = await authenticatedFetch(session, api.fetchImpl)('/graphql', { method: 'POST', body: '{"q":1}' });
    expect(await res.json()).toEqual({ data: { ok: true } });
    expect(api.graphqlCalls.map((c) => c.authorization)).toEqual(['Bearer expired', 'Bearer token-2']);
  });

  it('when the session is over, asks to sign in again and then sends the same request (nothing typed is lost)', async () => {
    const api = fakeApi({ refreshWorks: false });
    const session = new Session(api.fetchImpl);
    await session.signIn(user.email, 'right');
    session.forgetToken();
    const pending = authenticatedFetch(session, api.fetchImpl)('/graphql', {
      method: 'POST',
      body: '{"note":"typed"}',
    });
    await vi.waitFor(() => expect(session.current.status).toBe('expired'));
    await session.signIn(user.email, 'right');
    const res = await pending;
    expect(await res.json()).toEqual({ data: { ok: true } });
    expect(api.graphqlCalls.map((c) => c.body)).toEqual(['{"note":"typed"}', '{"note":"typed"}']);
  });

  it('sends no token for an anonymous visitor and does not ask them to sign in', async () => {
    const api = fakeApi({ refreshWorks: false });
    const session = new Session(api.fetchImpl);
    await session.restore();
    expect(session.current.status).toBe('anonymous');
    await authenticatedFetch(session, api.fetchImpl)('/graphql', { method: 'POST', body: '{}' });
    expect(api.graphqlCalls).toEqual([{ authorization: null, body: '{}' }]);
  });
});

describe('SignInForm', () => {
  function renderForm(onSignedIn = vi.fn()) {
    const api = fakeApi({ refreshWorks: false });
    const session = new Session(api.fetchImpl);
    render(
      <I18nProvider initial="en">
        <SessionProvider session={session}>
          <SignInForm onSignedIn={onSignedIn} />
        </SessionProvider>
      </I18nProvider>,
    );
    return { session, onSignedIn };
  }

  it("shows the API's message and keeps the email when the password is wrong", async () => {
    const u = userEvent.setup();
    const { onSignedIn } = renderForm();
    await u.type(screen.getByRole('textbox', { name: 'Email' }), 'focal@example.org');
    await u.type(screen.getByLabelText('Password'), 'wrong');
    await u.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is wrong');
    expect(screen.getByRole('textbox', { name: 'Email' })).toHaveValue('focal@example.org');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('signs in and keeps the access token in memory only', async () => {
    const u = userEvent.setup();
    const { session, onSignedIn } = renderForm();
    await u.type(screen.getByRole('textbox', { name: 'Email' }), 'focal@example.org');
    await u.type(screen.getByLabelText('Password'), 'right');
    await act(() => u.click(screen.getByRole('button', { name: 'Sign in' })));
    expect(onSignedIn).toHaveBeenCalled();
    expect(session.current).toEqual({ status: 'signedIn', user });
    expect(JSON.stringify({ ...localStorage })).not.toContain('token-');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('token-');
  });
});

describe('the reader’s language on every request', () => {
  function Probe() {
    const [result] = useQuery({ query: 'query Probe { ok }' });
    return <p>{result.data || result.error ? 'answered' : 'waiting'}</p>;
  }

  it('sends the chosen locale as Accept-Language on GraphQL requests and on the session routes', async () => {
    const api = fakeApi({ refreshWorks: false });
    const languages: string[] = [];
    const spy = vi.fn((url: RequestInfo | URL, init?: RequestInit) => {
      languages.push(`${String(url)} ${new Headers(init?.headers).get('accept-language')}`);
      return api.fetchImpl(url, init);
    });
    vi.stubGlobal('fetch', spy);
    try {
      const session = new Session();
      render(
        <I18nProvider initial="ar">
          <SessionProvider session={session}>
            <Probe />
          </SessionProvider>
        </I18nProvider>,
      );
      expect(await screen.findByText('answered')).toBeInTheDocument();
      await session.signIn(user.email, 'wrong').catch(() => undefined);
      expect(languages).toContain('/graphql ar');
      expect(languages).toContain('/auth/session ar');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
