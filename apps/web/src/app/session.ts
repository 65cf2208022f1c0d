/**
 * The session. The access token lives only in this module's memory (never in storage, so an injected script
 * cannot read it from there). The refresh token never reaches JavaScript at all: the API's /auth/session routes
 * keep it in an HttpOnly, SameSite=Strict cookie scoped to /auth/session (Secure over https). On load, a
 * refresh through that cookie restores the session; an access token about to expire is renewed the same way.
 */
export interface SessionUser {
  id: string;
  email: string;
  locale: string;
  platformRole: string;
}

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'signedIn'; user: SessionUser }
  /** The session ended while the user was working: a dialog asks them to sign in again over the page. */
  | { status: 'expired'; user: SessionUser };

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

export class SessionError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

interface TokenResponse {
  accessToken: string;
  expiresAt: string;
  user: SessionUser;
}

const documentLocale = () => (typeof document === 'undefined' ? '' : document.documentElement.lang) || 'en';

/** Renew this long before the access token expires, so that a request never goes out with a dying token. */
const RENEW_MARGIN_MS = 60_000;

type Listener = (state: SessionState) => void;

export class Session {
  private state: SessionState = { status: 'loading' };
  private token: string | null = null;
  private expiresAt = 0;
  private listeners = new Set<Listener>();
  private renewing: Promise<boolean> | null = null;
  private waitingForSignIn: Array<(ok: boolean) => void> = [];

  constructor(private readonly fetchImpl: typeof fetch = (...args) => fetch(...args)) {}

  get current(): SessionState {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: SessionState) {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  private accept(body: TokenResponse) {
    this.token = body.accessToken;
    this.expiresAt = Date.parse(body.expiresAt);
    this.set({ status: 'signedIn', user: body.user });
    const waiting = this.waitingForSignIn;
    this.waitingForSignIn = [];
    for (const resolve of waiting) resolve(true);
  }

  private async post(path: string, body?: unknown): Promise<Response> {
    return this.fetchImpl(path, {
      method: 'POST',
      credentials: 'same-origin',
      // JSON makes a cross-site request need a CORS preflight, which the API never grants (with SameSite=Strict).
      // The reader's language (I18nProvider keeps it on <html lang>): the API's messages come back in it.
      headers: { 'content-type': 'application/json', 'accept-language': documentLocale() },
      body: JSON.stringify(body ?? {}),
    });
  }

  async signIn(email: string, password: string): Promise<SessionUser> {
    return this.start('/auth/session', { email, password });
  }

  /**
   * A mail's link: accepts the invitation or resets the password, and signs in. Through the API's REST step
   * rather than the GraphQL mutation, so that the refresh token it makes goes into the HttpOnly cookie.
   */
  async redeem(link: 'accept-invitation' | 'reset-password', token: string, password: string): Promise<SessionUser> {
    return this.start(`/auth/session/${link}`, { token, password });
  }

  private async start(path: string, payload: unknown): Promise<SessionUser> {
    const res = await this.post(path, payload);
    const body = (await res.json().catch(() => null)) as TokenResponse | ApiErrorBody | null;
    if (!res.ok || !body || 'error' in body) {
      const error = body && 'error' in body ? body.error : { code: 'INTERNAL_SERVER_ERROR', message: res.statusText };
      throw new SessionError(error.message, error.code, error.field);
    }
    this.accept(body);
    return body.user;
  }

  /** Restores or renews the session from the refresh cookie; false when there is none or it is spent. */
  renew(): Promise<boolean> {
    this.renewing ??= (async () => {
      try {
        const res = await this.post('/auth/session/refresh');
        // 204: no session cookie (an anonymous visitor).
        if (res.status !== 200) return false;
        this.accept((await res.json()) as TokenResponse);
        return true;
      } catch {
        return false;
      } finally {
        this.renewing = null;
      }
    })();
    return this.renewing;
  }

  async restore(): Promise<void> {
    if (!(await this.renew())) this.set({ status: 'anonymous' });
  }

  async signOut(): Promise<void> {
    this.token = null;
    this.set({ status: 'anonymous' });
    await this.post('/auth/session/logout').catch(() => undefined);
  }

  /** The Authorization header for a request, renewing a token that is about to expire. */
  async authorization(): Promise<string | null> {
    if (this.token && this.expiresAt - Date.now() < RENEW_MARGIN_MS) await this.renew();
    return this.token ? `Bearer ${this.token}` : null;
  }

  get signedIn(): boolean {
    return this.token !== null;
  }

  /**
   * The API refused the token: renew it, or else ask the user to sign in again over the page they are on
   * (what they typed stays in the page) and resolve once they have (true) or given up (false).
   */
  async recover(): Promise<boolean> {
    if (await this.renew()) return true;
    const user = this.state.status === 'signedIn' || this.state.status === 'expired' ? this.state.user : null;
    this.token = null;
    if (!user) {
      this.set({ status: 'anonymous' });
      return false;
    }
    this.set({ status: 'expired', user });
    return new Promise((resolve) => this.waitingForSignIn.push(resolve));
  }

  /** The user closed the "sign in again" dialog without signing in. */
  abandon(): void {
    const waiting = this.waitingForSignIn;
    this.waitingForSignIn = [];
    this.set({ status: 'anonymous' });
    for (const resolve of waiting) resolve(false);
  }

  /** Tests: end the access token now, as if 15 minutes had passed. */
  forgetToken(): void {
    this.token = 'expired';
    this.expiresAt = Date.now() + 3600_000;
  }
}

const RETRYABLE = 'SERVICE_UNAVAILABLE';
const codesOf = (body: unknown): string[] =>
  ((body as { errors?: Array<{ extensions?: { code?: string } }> })?.errors ?? []).map((e) => e.extensions?.code ?? '');

/**
 * fetch for the GraphQL client: adds the access token, recovers an expired session (then sends the request
 * again, so a form's submission is not lost) and retries twice when the API says it is briefly unavailable.
 */
export function authenticatedFetch(session: Session, fetchImpl: typeof fetch = (...a) => fetch(...a)): typeof fetch {
  return async (input, init) => {
    for (let attempt = 0; ; attempt++) {
      const headers = new Headers(init?.headers);
      const authorization = await session.authorization();
      if (authorization) headers.set('authorization', authorization);
      const res = await fetchImpl(input, { ...init, headers });
      const body = await res
        .clone()
        .json()
        .catch(() => null);
      const codes = codesOf(body);
      if (authorization && codes.includes('UNAUTHENTICATED') && attempt < 2) {
        if (await session.recover()) continue;
        return res;
      }
      if (codes.includes(RETRYABLE) && attempt < 2) {
        await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
        continue;
      }
      return res;
    }
  };
}
