import { CustomScalar, Scalar } from '@nestjs/graphql';
import { GraphQLError, Kind, ValueNode } from 'graphql';
import { isDuration } from './duration';

function parse(value: unknown): string {
  if (typeof value !== 'string' || !isDuration(value)) {
    throw new GraphQLError(
      `Duration must be ISO 8601 in weeks, days, hours, minutes or seconds (e.g. P7D, PT12H, PT5S), got ${JSON.stringify(value)}`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  return value;
}

@Scalar('Duration', () => DurationScalar)
export class DurationScalar implements CustomScalar<string, string> {
  description = 'An ISO 8601 duration such as P7D, PT12H or PT5S.';
  parseValue(value: unknown): string {
    return parse(value);
  }
  serialize(value: unknown): string {
    return String(value);
  }
  parseLiteral(ast: ValueNode): string {
    return parse(ast.kind === Kind.STRING ? ast.value : undefined);
  }
}
