import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { createFormatError, ErrorCode, isServiceUnavailable } from '../index';

/** Errors found by the hostile-input and fault runs (bench/): they must reach the client with a clear code. */
describe('error mapping', () => {
  const format = createFormatError({ exposeInternals: false, logger: { error: () => undefined } as any });
  const formatted = (original: unknown) =>
    format({ message: 'x', path: ['field'] }, new GraphQLError('x', { originalError: original as Error }));

  it('maps a NUL character PostgreSQL cannot store to BAD_USER_INPUT', () => {
    const pg = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    const error = formatted(new QueryFailedError('SELECT $1', ['a\u0000b'], pg));
    expect(error.extensions?.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.message).toMatch(/cannot be stored/);
  });

  it('maps a deadlock or serialization failure (the transaction rolled back whole) to a retryable CONFLICT', () => {
    for (const code of ['40P01', '40001']) {
      const pg = Object.assign(new Error('deadlock detected'), { code });
      const error = formatted(new QueryFailedError('UPDATE x', [], pg));
      expect(error.extensions?.code).toBe(ErrorCode.CONFLICT);
      expect(error.extensions?.retryable).toBe(true);
      expect(error.message).toMatch(/try again/);
    }
  });

  it('reports an unreachable database as SERVICE_UNAVAILABLE with a retry hint, not as an internal error', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const terminated = new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly'));
    const shutdown = new QueryFailedError(
      'SELECT 1',
      [],
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    );
    for (const original of [refused, terminated, shutdown]) {
      expect(isServiceUnavailable(original)).toBe(true);
      const error = formatted(original);
      expect(error.extensions).toEqual({ code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true });
      expect(error.message).toBe(
        'The database is not answering at the moment (down or overloaded): try again in a few seconds',
      );
    }
  });

  it('does not take ordinary failures for an outage', () => {
    expect(isServiceUnavailable(new Error('boom'))).toBe(false);
    expect(isServiceUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(formatted(new Error('boom')).extensions?.code).toBe(ErrorCode.INTERNAL_SERVER_ERROR);
  });
});
