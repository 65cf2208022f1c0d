import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useChooseLocale } from '../app/accountLocale';
import { Session } from '../app/session';
import { SessionProvider } from '../app/SessionProvider';
import { I18nProvider, useI18n } from '../i18n/i18n';
import Preferences from './Preferences';

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
const me = { __typename: 'User', id: 'u1', email: 'amina@example.org', locale: 'en', emailDelivery: 'IMMEDIATE' };

/** A fake API: signed in when `signedIn` (the refresh cookie works), recording each GraphQL mutation. */
function fakeApi(signedIn: boolean) {
  const mutations: Array<Record<string, unknown>> = [];
  const fetchImpl = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const path = String(url);
    if (path === '/auth/session/refresh') {
      if (!signedIn) return json(204, undefined);
      const user = { id: 'u1', email: me.email, locale: 'en', platformRole: 'USER' };
      return json(200, { accessToken: 't', expiresAt: new Date(Date.now() + 900_000).toISOString(), user });
    }
    const body = JSON.parse(String(init?.body));
    if (/updateMyPreferences/.test(body.query)) {
      mutations.push(body.variables);
      const input = body.variables.input ?? { locale: body.variables.locale };
      return json(200, { data: { updateMyPreferences: { ...me, ...input } } });
    }
    return json(200, { data: { me } });
  });
  vi.stubGlobal('fetch', fetchImpl);
  return { session: new Session(fetchImpl as unknown as typeof fetch), mutations };
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

function renderWith(session: Session, children: React.ReactNode) {
  render(
    <I18nProvider initial="en">
      <SessionProvider session={session}>{children}</SessionProvider>
    </I18nProvider>,
  );
}

describe('Preferences', () => {
  it('saves e-mail delivery and the language on the account, each change alone, and switches the interface', async () => {
    const user = userEvent.setup();
    const api = fakeApi(true);
    renderWith(api.session, <Preferences />);
    const delivery = await screen.findByRole('radiogroup', { name: 'E-mail notifications' });
    expect(screen.getByRole('radio', { name: 'Each one as it comes' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'A weekly digest' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved.');
    expect(api.mutations).toEqual([{ input: { emailDelivery: 'WEEKLY_DIGEST' } }]);
    expect(delivery).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Kiswahili' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Mapendeleo' })).toBeInTheDocument();
    await waitFor(() => expect(api.mutations).toHaveLength(2));
    expect(api.mutations[1]).toEqual({ locale: 'sw' });
    expect(localStorage.getItem('coord.locale')).toBe('sw');
  });
});

describe('choosing a language', () => {
  function Picker() {
    const choose = useChooseLocale();
    return (
      <button type="button" onClick={() => void choose('fr')}>
        {useI18n().locale}
      </button>
    );
  }

  it('stays on the device for an anonymous visitor: nothing is sent to the API', async () => {
    const user = userEvent.setup();
    const api = fakeApi(false);
    renderWith(api.session, <Picker />);
    await waitFor(() => expect(api.session.current.status).toBe('anonymous'));
    await user.click(screen.getByRole('button', { name: 'en' }));
    expect(await screen.findByRole('button', { name: 'fr' })).toBeInTheDocument();
    expect(localStorage.getItem('coord.locale')).toBe('fr');
    expect(api.mutations).toEqual([]);
  });
});
