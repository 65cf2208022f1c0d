import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { DomainError, ErrorCode, isServiceUnavailable } from '@coord/core';
import type { Response } from 'express';

const HTTP_STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/** Errors of the session routes in the shape of GraphQL's extensions: `{ error: { code, message, field } }`. */
@Catch()
export class SessionErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof DomainError) {
      const field = typeof error.details.field === 'string' ? error.details.field : undefined;
      res.status(HTTP_STATUS[error.code] ?? 500).json({ error: { code: error.code, message: error.message, field } });
    } else if (error instanceof HttpException && error.getStatus() === 429) {
      res.status(429).json({
        error: { code: ErrorCode.FORBIDDEN, message: 'Too many attempts: wait a minute before trying again' },
      });
    } else if (isServiceUnavailable(error)) {
      res.status(503).json({
        error: { code: ErrorCode.SERVICE_UNAVAILABLE, message: 'The service is briefly unavailable: try again' },
      });
    } else {
      res.status(500).json({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Something went wrong' } });
    }
  }
}
