import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One change to the record: who, when, what (changed fields before and after). Append-only. */
@ObjectType('AuditEvent')
@Entity({ name: 'audit_events' })
export class AuditEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Field()
  @Column({ type: 'text' })
  action: string;

  @Field()
  @Column({ name: 'entity_type', type: 'text' })
  entityType: string;

  @Field(() => ID)
  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  @Column({ type: 'jsonb' })
  changes: Record<string, [unknown, unknown]>;

  /** Free texts of the change, outside the hashed content: erasure may redact names in them (AuditService). */
  @Column({ type: 'jsonb', nullable: true })
  redactable: Record<string, [unknown, unknown]> | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;
}
