import { ArgumentsHost, Catch, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { DomainError, ErrorCode } from '@coord/core';
import type { Request, Response } from 'express';
import { requestIdOf } from './http';

const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: HttpStatus.BAD_REQUEST,
  [ErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.INTERNAL_SERVER_ERROR]: HttpStatus.INTERNAL_SERVER_ERROR,
  [ErrorCode.SERVICE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
};

/**
 * GraphQL: hands what a resolver threw to Apollo as it is, without Nest's exception handler logging it at error
 * level with its stack: the one error formatter (core's createFormatError) decides, logging the client's
 * mistakes (UNAUTHENTICATED, NOT_FOUND, BAD_USER_INPUT, FORBIDDEN, CONFLICT) at debug level and real faults at
 * error level. HTTP routes (calendar feeds, /health): a DomainError (e.g. the access guard's UNAUTHENTICATED for a
 * bad token) becomes its status with the GraphQL error shape; anything else gets Nest's default handling.
 */
@Catch()
export class GraphQLExceptionPassThrough extends BaseExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<string>() === 'graphql') return exception;
    if (exception instanceof DomainError && host.getType() === 'http') {
      const req = host.switchToHttp().getRequest<Request>();
      const res = host.switchToHttp().getResponse<Response>();
      if (exception.code === ErrorCode.UNAUTHENTICATED) res.setHeader('WWW-Authenticate', 'Bearer');
      res.status(HTTP_STATUS[exception.code] ?? HttpStatus.BAD_REQUEST).json({
        errors: [
          {
            message: exception.message,
            extensions: { code: exception.code, ...exception.details, requestId: requestIdOf(req, res) },
          },
        ],
      });
      return;
    }
    return super.catch(exception, host);
  }
}
