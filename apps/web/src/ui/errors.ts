import type { CombinedError } from 'urql';

export interface ApiError {
  message: string;
  code?: string;
  /** The input field the API names (extensions.field), last segment only: `input.progressPercent` -> `progressPercent`. */
  field?: string;
}

/** The API's errors as the user should read them: its own message, with the field it names. */
export function apiErrors(error: CombinedError | undefined | null): ApiError[] {
  if (!error) return [];
  if (error.graphQLErrors.length) {
    return error.graphQLErrors.map((e) => {
      const field = typeof e.extensions?.field === 'string' ? e.extensions.field.split('.').pop() : undefined;
      return { message: e.message, code: e.extensions?.code as string | undefined, field };
    });
  }
  return [{ message: error.networkError?.message ?? error.message, code: 'NETWORK' }];
}

/** The message for one field, if the API named it. */
export const fieldError = (errors: ApiError[], field: string) => errors.find((e) => e.field === field)?.message;
/** Errors that name no field we show: they go at the top of the form. */
export const formErrors = (errors: ApiError[], fields: readonly string[]) =>
  errors.filter((e) => !e.field || !fields.includes(e.field));
