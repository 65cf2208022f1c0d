import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { explainConstraintViolation } from './constraint-errors';
import { DomainError, ErrorCode, ErrorText, isServiceUnavailable, msg } from './domain-error';

const CONTRACT_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * PostgreSQL SQLSTATEs that mean the client asked for something the data forbids. A constraint a feature (or core)
 * registered (registerConstraintErrors, in its `<feature>.errors.ts`) is explained by it; the others generically.
 */
function fromPostgres(error: QueryFailedError): DomainError | undefined {
  const explained = explainConstraintViolation(error);
  if (explained) return explained;
  const pg = error.driverError as { code?: string; constraint?: string; detail?: string; column?: string };
  switch (pg?.code) {
    case '23505': // unique_violation
    case '23P01': // exclusion_violation
      return new DomainError(ErrorCode.CONFLICT, conflictMessage(pg.constraint, pg.detail), {
        constraint: pg.constraint,
      });
    case '23503': // foreign_key_violation
      return new DomainError(
        ErrorCode.NOT_FOUND,
        msg('error.db.referenceMissing', { constraint: pg.constraint ?? 'foreign key' }),
        {
          constraint: pg.constraint,
        },
      );
    case '23514': // check_violation
    case '23502': // not_null_violation
      return new DomainError(
        ErrorCode.BAD_USER_INPUT,
        msg('error.db.ruleBroken', { rule: pg.constraint ?? pg.column ?? '' }),
        {
          constraint: pg.constraint,
        },
      );
    case '22P02': // invalid_text_representation (e.g. a malformed uuid)
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22003': // numeric_value_out_of_range
    case '22001': // string_data_right_truncation
      return new DomainError(ErrorCode.BAD_USER_INPUT, msg('error.db.wrongFormat'));
    case '22021': // character_not_in_repertoire: PostgreSQL text cannot hold a NUL (\u0000) character
    case '22P05': // untranslatable_character
      return new DomainError(ErrorCode.BAD_USER_INPUT, msg('error.db.unstorableCharacter'));
    case '40P01': // deadlock_detected
    case '40001': // serialization_failure
      // Two changes to the same records crossed; the transaction was rolled back whole: sending it again works.
      return new DomainError(ErrorCode.CONFLICT, msg('error.db.concurrentChange'), { retryable: true });
    default:
      return undefined;
  }
}

function conflictMessage(constraint?: string, detail?: string): ErrorText {
  return msg('error.db.conflict', { constraint: constraint ?? 'none', detail: detail ?? 'none' });
}

function fromHttp(error: HttpException): DomainError {
  const status = error.getStatus();
  const response = error.getResponse() as string | { message?: string | string[] };
  const raw = typeof response === 'string' ? response : response.message;
  const message = Array.isArray(raw) ? raw.join('; ') : (raw ?? error.message);
  switch (status) {
    case HttpStatus.UNAUTHORIZED:
      return new DomainError(ErrorCode.UNAUTHENTICATED, msg('error.accessTokenMissing'));
    case HttpStatus.FORBIDDEN:
      return new DomainError(ErrorCode.FORBIDDEN, message || msg('error.forbidden'));
    case HttpStatus.NOT_FOUND:
      return new DomainError(ErrorCode.NOT_FOUND, message);
    case HttpStatus.CONFLICT:
      return new DomainError(ErrorCode.CONFLICT, message);
    case HttpStatus.TOO_MANY_REQUESTS:
      return new DomainError(ErrorCode.FORBIDDEN, msg('error.rateLimited'), {
        reason: 'RATE_LIMITED',
      });
    default:
      if (status >= 400 && status < 500) return new DomainError(ErrorCode.BAD_USER_INPUT, message);
      throw error;
  }
}

/** Errors already normalised, so that the language plugin and the formatter see the same DomainError. */
const normalised = new WeakMap<object, DomainError | undefined>();

/**
 * Normalises anything a resolver threw into a DomainError, or undefined when it is unexpected. The same error
 * gives the same DomainError each time (its message may have been put into the request's language meanwhile).
 */
export function toDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError || typeof error !== 'object' || error === null) return normalise(error);
  if (!normalised.has(error)) normalised.set(error, normalise(error));
  return normalised.get(error);
}

function normalise(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (isServiceUnavailable(error)) {
    return new DomainError(ErrorCode.SERVICE_UNAVAILABLE, msg('error.serviceUnavailable'), { retryable: true });
  }
  if (error instanceof QueryFailedError) return fromPostgres(error);
  if (error instanceof HttpException) {
    try {
      return fromHttp(error);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface FormatErrorOptions {
  exposeInternals: boolean;
  /** "Did you mean ...?" in validation errors: they reveal the schema, so only where introspection is on. */
  suggestions?: boolean;
  logger?: Pick<Logger, 'error'> & Partial<Pick<Logger, 'warn' | 'debug'>>;
}

/**
 * Apollo's own codes that clients match on, kept as they are (README, "Errors"): the document does not parse,
 * does not validate against the schema (or breaks a query limit), or is an unknown persisted query hash.
 */
export const APOLLO_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND']);

/**
 * Apollo formatError: every error leaves with a contract code (or one of APOLLO_CODES). Unknown errors are logged
 * at error level with the request id and masked as INTERNAL_SERVER_ERROR (with the message only in development);
 * the client's mistakes are logged at debug level without a stack (they are not faults), outages at warn.
 */
export function createFormatError({
  exposeInternals,
  suggestions = exposeInternals,
  logger = new Logger('GraphQL'),
}: FormatErrorOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const domain = toDomainError(original);
    if (domain) {
      const entry = { code: domain.code, path: formatted.path, message: domain.message };
      if (domain.code === ErrorCode.SERVICE_UNAVAILABLE) logger.warn?.(entry, 'service unavailable');
      else logger.debug?.(entry, 'client error');
      return {
        message: domain.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: domain.code, ...domain.details },
      };
    }
    const code = formatted.extensions?.code as string | undefined;
    // Errors raised by GraphQL itself (parse, validation, variable coercion) are the client's input.
    if (code && (APOLLO_CODES.has(code) || code === 'BAD_USER_INPUT')) {
      const message = suggestions ? formatted.message : formatted.message.replace(/ Did you mean .*$/, '');
      logger.debug?.({ code, message }, 'client error');
      return { message, locations: formatted.locations, extensions: { code } };
    }
    if (code && CONTRACT_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      logger.debug?.({ code, path: formatted.path, message: formatted.message }, 'client error');
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    if (original instanceof GraphQLError && !original.originalError && !formatted.path) {
      // A request-level GraphQL error without a cause (e.g. operation not found): the client's input.
      logger.debug?.({ code, message: formatted.message }, 'client error');
      return { message: formatted.message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    const requestId = (error as { requestId?: string })?.requestId;
    logger.error({ err: original, path: formatted.path, requestId }, 'unexpected error');
    return {
      message: exposeInternals ? formatted.message : 'Internal server error',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(exposeInternals ? { detail: String(original) } : {}) },
    };
  };
}
