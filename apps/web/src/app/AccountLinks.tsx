import { FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { useT } from '../i18n/i18n';
import { ApiError, apiErrors, fieldError, formErrors } from '../ui/errors';
import { Button, ErrorList, Field, PageTitle } from '../ui/ui';
import { SessionError } from './session';
import { useSession } from './SessionProvider';

const RequestPasswordReset = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

/**
 * "Forgot your password?" on the sign-in page. The API answers the same for any email (no enumeration), and so
 * does this form: one message, whatever the address.
 */
export function ForgotPasswordForm() {
  const t = useT();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [{ fetching }, request] = useMutation(RequestPasswordReset);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors([]);
    const result = await request({ email });
    if (result.error) setErrors(apiErrors(result.error));
    else setSent(true);
  }

  return (
    <section aria-labelledby="forgot-title" className="form">
      <h2 id="forgot-title">{t('account.forgotTitle')}</h2>
      <p>{t('account.forgotText')}</p>
      <form onSubmit={submit} className="form" aria-busy={fetching}>
        <ErrorList errors={formErrors(errors, ['email'])} />
        <Field
          label={t('signIn.email')}
          type="email"
          name="email"
          autoComplete="email"
          isRequired
          value={email}
          onChange={(value) => {
            setEmail(value);
            setSent(false);
          }}
          error={fieldError(errors, 'email')}
        />
        <Button type="submit" isDisabled={fetching}>
          {t('account.forgotSubmit')}
        </Button>
        {/* A live region present from the start, so that the confirmation is announced when it appears. */}
        <p role="status">{sent ? t('account.forgotSent') : ''}</p>
      </form>
    </section>
  );
}

type Link = 'accept-invitation' | 'reset-password';

/**
 * The page a mail's link opens: choose a password, then signed in (the API's /auth/session step keeps the
 * refresh token in its HttpOnly cookie). The API names the password field `password` for an invitation and
 * `newPassword` for a reset; either way its policy message shows under the one field here.
 */
function SetPasswordPage({ link }: { link: Link }) {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<ApiError[]>(token ? [] : [{ message: t('account.noToken'), field: 'token' }]);
  const [busy, setBusy] = useState(false);
  const title = link === 'accept-invitation' ? t('account.inviteTitle') : t('account.resetTitle');
  const passwordFields = ['password', 'newPassword'];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!token) return;
    setBusy(true);
    setErrors([]);
    try {
      await session.redeem(link, token, password);
      navigate('/my/actions', { replace: true });
    } catch (error) {
      setErrors([
        error instanceof SessionError
          ? { message: error.message, code: error.code, field: error.field }
          : { message: t('common.networkError') },
      ]);
    } finally {
      setBusy(false);
    }
  }

  const passwordError = passwordFields.map((field) => fieldError(errors, field)).find(Boolean);
  return (
    <section className="narrow">
      <PageTitle title={title}>{title}</PageTitle>
      <p>{link === 'accept-invitation' ? t('account.inviteText') : t('account.resetText')}</p>
      <form onSubmit={submit} className="form" aria-busy={busy}>
        <ErrorList errors={formErrors(errors, passwordFields)} />
        <Field
          label={t('account.password')}
          description={t('account.passwordHelp')}
          type="password"
          name="password"
          autoComplete="new-password"
          isRequired
          value={password}
          onChange={setPassword}
          error={passwordError}
        />
        <Button type="submit" isDisabled={busy || !token}>
          {t('account.submit')}
        </Button>
      </form>
    </section>
  );
}

export const AcceptInvitationPage = () => <SetPasswordPage link="accept-invitation" />;
export const ResetPasswordPage = () => <SetPasswordPage link="reset-password" />;
