import { CustomScalar, Scalar } from '@nestjs/graphql';
import { GraphQLError, Kind, ValueNode } from 'graphql';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (2026-02-28 yes, 2026-02-30 no). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function parse(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError(`Date must be a real calendar day written YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** A calendar day without time or zone, e.g. a due date: `YYYY-MM-DD`. Carried as a string. */
@Scalar('Date', () => LocalDateScalar)
export class LocalDateScalar implements CustomScalar<string, string> {
  description = 'A calendar day, YYYY-MM-DD (ISO 8601).';
  parseValue(value: unknown): string {
    return parse(value);
  }
  serialize(value: unknown): string {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return String(value);
  }
  parseLiteral(ast: ValueNode): string {
    if (ast.kind !== Kind.STRING) return parse(undefined);
    return parse(ast.value);
  }
}
