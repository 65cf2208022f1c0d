import { useCallback, useEffect, useRef } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { CATALOGS, useI18n } from '../i18n/i18n';
import { ApiError, apiErrors } from '../ui/errors';
import { useSessionState } from './SessionProvider';

const SaveLocale = graphql(`
  mutation SaveMyLocale($locale: String!) {
    updateMyPreferences(input: { locale: $locale }) {
      id
      locale
    }
  }
`);

/**
 * The interface follows the account's language once someone signs in (or a page load restores their session):
 * the language chosen on another device, or in the mails' settings, wins over this device's. Only on the change
 * of user, so that a choice made afterwards in this tab is not overridden by the session's older copy.
 */
export function useFollowAccountLocale(): void {
  const state = useSessionState();
  const { setLocale } = useI18n();
  const user = state.status === 'signedIn' ? state.user : null;
  const followed = useRef<string | null>(null);
  useEffect(() => {
    if (!user || followed.current === user.id) return;
    followed.current = user.id;
    if (CATALOGS[user.locale]) setLocale(user.locale);
  }, [user, setLocale]);
}

/**
 * Choosing a language: the interface switches at once and this device remembers it; when signed in it is saved
 * on the account too (the mails use it), while an anonymous visitor's choice stays on the device.
 */
export function useChooseLocale(): (locale: string) => Promise<ApiError[]> {
  const state = useSessionState();
  const { setLocale } = useI18n();
  const [, save] = useMutation(SaveLocale);
  const signedIn = state.status === 'signedIn';
  return useCallback(
    async (locale: string) => {
      setLocale(locale);
      if (!signedIn) return [];
      const result = await save({ locale });
      return apiErrors(result.error);
    },
    [setLocale, save, signedIn],
  );
}
