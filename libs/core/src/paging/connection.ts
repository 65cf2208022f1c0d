import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput, msg } from '../errors/domain-error';

/** Relay paging shared by every list: keyset on (sort key, id), opaque cursors, `first` capped. */
export const MAX_PAGE_SIZE = 100;

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;
  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, nullable: true })
  @IsOptional()
  @Min(0)
  @Max(MAX_PAGE_SIZE, { message: `first must not be greater than ${MAX_PAGE_SIZE}` })
  first = 20;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds the `XConnection` and `XEdge` object types for a node type. */
export function ConnectionType<T>(node: Type<T>, name: string, extra?: (cls: any) => void): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => node)
    node: T;
    @Field()
    cursor: string;
  }
  @ObjectType(`${name}Connection`, { isAbstract: false })
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges: EdgeType[];
    @Field(() => PageInfo)
    pageInfo: PageInfo;
    @Field(() => Int)
    totalCount: number;
  }
  extra?.(ConnectionClass);
  return ConnectionClass as Type<Connection<T>>;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) return parsed;
  } catch {
    /* fall through */
  }
  throw badInput(msg('error.core.paging.afterNotCursorApi'), 'after');
}

export interface KeysetOptions<T> {
  /** SQL expression of the sort key, e.g. `b.name`; ties broken by `${alias}.id`. */
  sortExpression: string;
  /** Reads the sort key from a loaded row, to build its cursor. */
  sortValue: (row: T) => unknown;
  direction?: 'ASC' | 'DESC';
  /**
   * The query's joins never repeat a row of the main alias (e.g. only many-to-one joins): count with count(*)
   * instead of TypeORM's COUNT(DISTINCT id), which sorts every id (2x slower over 86,000 overdue items).
   */
  rowsAreDistinct?: boolean;
}

/**
 * Runs a page of `qb` with keyset paging: two SQL queries (the page and the count), whatever the page size.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  page: PageArgs,
  opts: KeysetOptions<T>,
): Promise<Connection<T>> {
  const alias = qb.alias;
  const direction = opts.direction ?? 'ASC';
  const first = Math.min(Math.max(page.first ?? 20, 0), MAX_PAGE_SIZE);
  const countQb = qb.clone().orderBy();
  const pageQb = qb.clone();
  if (page.after) {
    const [sortValue, id] = decodeCursor(page.after);
    const op = direction === 'ASC' ? '>' : '<';
    pageQb.andWhere(`(${opts.sortExpression}, ${alias}.id) ${op} (:cursorSort, :cursorId)`, {
      cursorSort: sortValue,
      cursorId: id,
    });
  }
  pageQb
    .orderBy(opts.sortExpression, direction)
    .addOrderBy(`${alias}.id`, direction)
    .limit(first + 1);
  const count = opts.rowsAreDistinct
    ? countQb
        .select('count(*)::int', 'n')
        .getRawOne<{ n: number }>()
        .then((row) => row?.n ?? 0)
    : countQb.getCount();
  const [rows, totalCount] = await Promise.all([pageQb.getMany(), count]);
  const hasNextPage = rows.length > first;
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor([serialise(opts.sortValue(node)), node.id]) }));
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
  };
}

function serialise(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
