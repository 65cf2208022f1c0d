/**
 * The platform's error model. Features throw DomainError (or a subclass); one mapping
 * (errors/format-error.ts) turns everything into a GraphQL error whose extensions.code is
 * one of ErrorCode, the codes the public contract lists.
 */
import { CATALOGS, MessageKey, MessageValue, nested, t } from '../i18n/i18n';

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

/**
 * A message a person reads, as a catalog key and its values (msg()): the error's `message` is its English text and
 * errorLanguagePlugin renders it again in the request's language. Values are kept as text, as a template literal
 * would have shown them.
 */
export interface ErrorText {
  key: MessageKey;
  values: Record<string, string>;
}

export function msg(key: MessageKey, values: Record<string, unknown> = {}): ErrorText {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) text[name] = String(value);
  return { key, values: text };
}

/** The English text of a message (undefined stays undefined). */
export const englishText = (text: ErrorText | undefined | null): string | undefined =>
  text ? t('en', text.key, text.values) : undefined;

export class DomainError extends Error {
  /**
   * Catalog key of the message (libs/core/src/i18n), with its values: the API answers in the request's language
   * (errorLanguagePlugin); `message` is the English text, the default. The code never changes with the language.
   */
  messageKey?: string;
  messageValues?: Record<string, unknown>;

  constructor(
    readonly code: ErrorCode,
    message: string | ErrorText,
    readonly details: Record<string, unknown> = {},
  ) {
    super(typeof message === 'string' ? message : t('en', message.key, message.values));
    this.name = 'DomainError';
    if (typeof message !== 'string') {
      this.messageKey = message.key;
      this.messageValues = message.values;
    }
  }
}

export const badInput = (message: string | ErrorText, field?: string, details: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, field ? { field, ...details } : details);
/** Marks the error's message as the catalog message `key` (English `message` stays the default). */
export function localized<E extends DomainError>(error: E, key: string, values: Record<string, unknown> = {}): E {
  error.messageKey = key;
  error.messageValues = values;
  return error;
}

/** The catalog key naming an entity in NOT_FOUND messages ("Coordination body" -> entity.coordinationBody). */
const entityKey = (entity: string) =>
  `entity.${entity
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, c?: string) => (c ? c.toUpperCase() : ''))
    .replace(/^./, (c) => c.toLowerCase())}`;

export const notFound = (entity: string, id?: string) => {
  const key = entityKey(entity);
  // The entity's name in the reader's language when the catalogs name it (extensions.entity stays as given).
  const name: MessageValue = key in CATALOGS.en ? nested(key as MessageKey) : entity;
  return localized(
    new DomainError(ErrorCode.NOT_FOUND, id ? `${entity} ${id} was not found` : `${entity} was not found`, {
      entity,
      ...(id ? { id } : {}),
    }),
    id ? 'error.notFound' : 'error.notFoundNoId',
    { entity: name, ...(id ? { id } : {}) },
  );
};
export const forbidden = (message?: string | ErrorText) =>
  message
    ? new DomainError(ErrorCode.FORBIDDEN, message)
    : localized(new DomainError(ErrorCode.FORBIDDEN, 'You are not allowed to do this'), 'error.forbidden');
export const unauthenticated = (message?: string | ErrorText) =>
  message
    ? new DomainError(ErrorCode.UNAUTHENTICATED, message)
    : localized(new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in to do this'), 'error.unauthenticated');
export const conflict = (message: string | ErrorText, details: Record<string, unknown> = {}) =>
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
  throw badInput(msg('error.periodFromAfterTo', { from: show(from), to: show(to) }), 'from');
}
