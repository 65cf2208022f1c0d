import {
  ArgsType,
  Field,
  ID,
  Int,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  Args,
  Context,
} from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { DataSource, In } from 'typeorm';
import { AdminOnly } from '../auth/decorators';
import { User } from '../auth/user.entity';
import { ConnectionType, MAX_PAGE_SIZE, paginate } from '../paging/connection';
import { byKeys, GraphQLRequestContext } from '../graphql/request-context';
import { AuditEvent } from './audit-event.entity';
import { verifyAuditChain } from './audit.service';

@ObjectType()
export class AuditVerification {
  @Field(() => Int)
  events: number;

  @Field()
  valid: boolean;

  @Field(() => ID, {
    nullable: true,
    description: 'The first event whose hash does not match its content and predecessor; null when valid.',
  })
  firstInvalidEventId: string | null;
}

export const AuditEventConnection = ConnectionType(AuditEvent, 'AuditEvent');

@ArgsType()
class AuditLogArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'entityId must be a UUID' })
  entityId?: string;

  @Field(() => Int, { defaultValue: 50, nullable: true })
  @IsOptional()
  @Min(0)
  @Max(MAX_PAGE_SIZE, { message: `first must not be greater than ${MAX_PAGE_SIZE}` })
  first = 50;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

/** The audit trail, newest first, for platform admins. */
@Resolver(() => AuditEvent)
export class AuditResolver {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @AdminOnly()
  @Query(() => AuditEventConnection)
  auditLog(@Args() args: AuditLogArgs) {
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    if (args.entityType) qb.andWhere('e.entity_type = :type', { type: args.entityType });
    if (args.entityId) qb.andWhere('e.entity_id = :id', { id: args.entityId });
    return paginate(qb, args, { sortExpression: 'e.at', sortValue: (e) => e.at, direction: 'DESC' });
  }

  @AdminOnly()
  @Query(() => AuditVerification, { description: "Admin: recomputes the audit log's hash chain." })
  verifyAuditLog() {
    return verifyAuditChain(this.dataSource);
  }

  @ResolveField(() => String, { description: "SHA-256 over the previous event's hash and this event's content (hex)." })
  hash(@Parent() event: AuditEvent, @Context() ctx: GraphQLRequestContext) {
    return ctx.loaders
      .get<string, string>('audit.hash', async (ids) => {
        const rows: Array<{ event_id: string; hash: string }> = await this.dataSource.query(
          `SELECT event_id, hash FROM audit_chain WHERE event_id = ANY($1::uuid[])`,
          [[...ids]],
        );
        const byId = new Map(rows.map((r) => [r.event_id, r.hash]));
        // An event of a transaction still committing has no link yet; an unchained one is shown as such.
        return ids.map((id) => byId.get(id) ?? '');
      })
      .load(event.id);
  }

  /** What changed, with the free texts kept apart (redactable, possibly redacted after an erasure) put back. */
  @ResolveField(() => String)
  changes(@Parent() event: AuditEvent): string {
    return JSON.stringify({ ...event.changes, ...(event.redactable ?? {}) });
  }

  @ResolveField(() => User, { nullable: true })
  actor(@Parent() event: AuditEvent, @Context() ctx: GraphQLRequestContext) {
    if (!event.actorUserId) return null;
    return ctx.loaders
      .get<string, User | null>('user.byId', async (ids) =>
        byKeys(ids, await this.dataSource.getRepository(User).findBy({ id: In([...ids]) }), (u) => u.id),
      )
      .load(event.actorUserId);
  }
}
