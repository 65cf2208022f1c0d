import { dictionary } from '@zxcvbn-ts/language-common';
import { badInput, englishText, ErrorText, msg } from '../errors/domain-error';

/**
 * The password policy, applied wherever a password is set (createUser, changePassword, acceptInvitation,
 * resetPassword, the admin CLI). Pure: no Nest, no database.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/** zxcvbn-ts's list of common passwords (about 49,000, from leaked password sets), lower-cased. */
let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())));

/** Digits or symbols someone adds to a common word to pass a length rule: a run, a repeat or a year. */
function isPredictableSuffix(suffix: string): boolean {
  const digits = suffix.replace(/[^0-9]/g, '');
  if (suffix.length <= 4) return true;
  if (/^(.)\1*$/.test(digits)) return true;
  if (/^(19|20)\d\d$/.test(digits)) return true;
  const steps = [...digits].slice(1).map((c, i) => Number(c) - Number(digits[i]));
  return steps.every((s) => s === 1 || s === -9) || steps.every((s) => s === -1 || s === 9);
}

/**
 * Why the password is refused (a sentence saying what to change), or null when it is acceptable. `field` names
 * the argument in the message; `email` is the sign-in's address, which the password must not be.
 */
export function passwordProblemText(
  password: string,
  email: string | null | undefined,
  field = 'password',
): ErrorText | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return msg('error.password.tooShort', { field, min: PASSWORD_MIN_LENGTH });
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return msg('error.password.tooLong', { field, max: PASSWORD_MAX_LENGTH });
  }
  if (new Set(password).size < 4 || password.trim().length === 0) {
    return msg('error.password.tooFewCharacters', { field });
  }
  const lower = password.toLowerCase();
  const address = (email ?? '').trim().toLowerCase();
  if (address && (lower.trim() === address || lower.trim() === address.split('@')[0])) {
    return msg('error.password.isEmail', { field });
  }
  const words = commonPasswords();
  const base = lower.replace(/[^a-z]+$/, '');
  if (words.has(lower) || (base.length >= 3 && words.has(base) && isPredictableSuffix(lower.slice(base.length)))) {
    return msg('error.password.common', { field });
  }
  return null;
}

/** passwordProblemText in English. */
export const passwordProblem = (password: string, email: string | null | undefined, field = 'password') =>
  englishText(passwordProblemText(password, email, field)) ?? null;

/** Throws BAD_USER_INPUT naming the field when the password breaks the policy. */
export function requireAcceptablePassword(password: string, email: string | null | undefined, field: string): void {
  const problem = passwordProblemText(password, email, field);
  if (problem) throw badInput(problem, field);
}
