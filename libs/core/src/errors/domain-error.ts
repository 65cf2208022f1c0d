/**
 * The platform's error model. Features throw DomainError (or a subclass); one mapping
 * (errors/format-error.ts) turns everything into a GraphQL error whose extensions.code is
 * one of ErrorCode, the codes the public contract lists.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** PostgreSQL (or another service the request needs) cannot be reached right now: retry later. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
}

export class DomainError extends Error {
  /**
   * Catalog key of the message (libs/core/src/i18n), with its values: the API answers in the request's language
   * (errorLanguagePlugin); `message` is the English text, the default. The code never changes with the language.
   */
  messageKey?: string;
  messageValues?: Record<string, unknown>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (message: string, field?: string, details: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, field ? { field, ...details } : details);
/** Marks the error's message as the catalog message `key` (English `message` stays the default). */
export function localized<E extends DomainError>(error: E, key: string, values: Record<string, unknown> = {}): E {
  error.messageKey = key;
  error.messageValues = values;
  return error;
}

export const notFound = (entity: string, id?: string) =>
  localized(
    new DomainError(ErrorCode.NOT_FOUND, id ? `${entity} ${id} was not found` : `${entity} was not found`, {
      entity,
      ...(id ? { id } : {}),
    }),
    'error.notFound',
    { entity, id: id ?? '' },
  );
export const forbidden = (message?: string) =>
  message
    ? new DomainError(ErrorCode.FORBIDDEN, message)
    : localized(new DomainError(ErrorCode.FORBIDDEN, 'You are not allowed to do this'), 'error.forbidden');
export const unauthenticated = (message?: string) =>
  message
    ? new DomainError(ErrorCode.UNAUTHENTICATED, message)
    : localized(new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in to do this'), 'error.unauthenticated');
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.CONFLICT, message, details);

/** Node and PostgreSQL error codes that mean "the database cannot be reached", not "the request is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up or shutting down)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006', // connection exceptions
]);

/**
 * True for errors caused by the database being down or restarting (refused or dropped connections, pool
 * timeouts), whatever layer wraps them; such errors must not be reported as the client's fault (for example
 * as an invalid access token) nor as an unexplained internal error.
 */
export function isServiceUnavailable(error: unknown): boolean {
  for (let e: any = error, depth = 0; e && depth < 4; e = e.driverError ?? e.cause, depth++) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
        message,
      )
    ) {
      return true;
    }
  }
  return false;
}

/** A period given as `from` and `to` (days or instants): BAD_USER_INPUT when `from` is after `to`. */
export function requirePeriod<T extends string | Date>(from: T | null | undefined, to: T | null | undefined): void {
  if (from == null || to == null || from <= to) return;
  const show = (value: T) => (value instanceof Date ? value.toISOString() : value);
  throw badInput(`from (${show(from)}) must not be after to (${show(to)}): the period would be empty`, 'from');
}
