import { FormEvent, useState } from 'react';
import { Dialog, Heading, Modal } from 'react-aria-components';
import { useNavigate, useSearchParams } from 'react-router';
import { useT } from '../i18n/i18n';
import { ApiError, fieldError, formErrors } from '../ui/errors';
import { Button, ErrorList, Field, PageTitle } from '../ui/ui';
import { ForgotPasswordForm } from './AccountLinks';
import { SessionError } from './session';
import { useSession } from './SessionProvider';

/** The sign-in form, used by the page and by the "session expired" dialog. */
export function SignInForm({ initialEmail = '', onSignedIn }: { initialEmail?: string; onSignedIn: () => void }) {
  const t = useT();
  const session = useSession();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    try {
      await session.signIn(email, password);
      onSignedIn();
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

  return (
    <form onSubmit={submit} className="form" aria-busy={busy}>
      <ErrorList errors={formErrors(errors, ['email', 'password'])} />
      <Field
        label={t('signIn.email')}
        type="email"
        name="email"
        autoComplete="username"
        isRequired
        value={email}
        onChange={setEmail}
        error={fieldError(errors, 'email')}
      />
      <Field
        label={t('signIn.password')}
        type="password"
        name="password"
        autoComplete="current-password"
        isRequired
        value={password}
        onChange={setPassword}
        error={fieldError(errors, 'password')}
      />
      <Button type="submit" isDisabled={busy}>
        {t('signIn.submit')}
      </Button>
    </form>
  );
}

export function SignInPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  // Only a path of this site: never an open redirect to another origin.
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/my/actions';
  return (
    <section className="narrow">
      <PageTitle title={t('signIn.title')}>{t('signIn.title')}</PageTitle>
      <SignInForm onSignedIn={() => navigate(target, { replace: true })} />
      <ForgotPasswordForm />
    </section>
  );
}

/**
 * Shown over the page when the session ended while the user was working: signing in again resumes the request
 * that failed, and the page beneath (with whatever was typed in it) stays as it was.
 */
export function SessionExpiredDialog({ email }: { email: string }) {
  const t = useT();
  const session = useSession();
  return (
    <Modal isOpen isDismissable={false} className="modal" onOpenChange={(open) => !open && session.abandon()}>
      <Dialog className="dialog">
        <Heading slot="title">{t('session.expiredTitle')}</Heading>
        <p>{t('session.expiredText')}</p>
        <SignInForm initialEmail={email} onSignedIn={() => undefined} />
        <Button variant="secondary" onPress={() => session.abandon()}>
          {t('session.giveUp')}
        </Button>
      </Dialog>
    </Modal>
  );
}
