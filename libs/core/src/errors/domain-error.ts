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
}

export class DomainError extends Error {
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
export const notFound = (entity: string, id?: string) =>
  new DomainError(ErrorCode.NOT_FOUND, id ? `${entity} ${id} was not found` : `${entity} was not found`, {
    entity,
    ...(id ? { id } : {}),
  });
export const forbidden = (message = 'You are not allowed to do this') => new DomainError(ErrorCode.FORBIDDEN, message);
export const unauthenticated = (message = 'Sign in to do this') => new DomainError(ErrorCode.UNAUTHENTICATED, message);
export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.CONFLICT, message, details);
