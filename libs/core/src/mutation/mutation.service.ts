import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry, AuditService } from '../audit/audit.service';
import { explainConstraintViolation } from '../errors/constraint-errors';
import { Actor } from './actor';

/** An audit event as a mutation writes it: who and which request come from the actor. */
export type ActorAuditEntry = Omit<AuditEntry, 'actorUserId' | 'requestId'>;

/** What the work of a mutation gets besides its EntityManager. */
export interface MutationScope {
  actor: Actor | null;
  /** Writes the audit event of a change of this mutation, in its transaction, naming its actor and request. */
  audit(entry: ActorAuditEntry): Promise<void>;
}

/**
 * The one way a change is written. `run` opens one transaction per mutation; the work writes through its
 * EntityManager the rows, their audit event (`audit`, or AuditService with the same manager) and any reminder
 * intents (OutboxService with the same manager), so all exist together or not at all. A constraint violation
 * that a feature registered (registerConstraintErrors, in its `<feature>.errors.ts`) leaves as that feature's
 * domain error; any other error leaves as it is (format-error.ts maps it).
 */
@Injectable()
export class MutationService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly auditService: AuditService,
  ) {}

  async run<T>(actor: Actor | null, work: (manager: EntityManager, scope: MutationScope) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction((manager) =>
        work(manager, { actor, audit: (entry) => this.audit(manager, actor, entry) }),
      );
    } catch (error) {
      throw explainConstraintViolation(error) ?? error;
    }
  }

  /** The audit event of a change `actor` made in `manager`'s transaction. */
  audit(manager: EntityManager, actor: Actor | null, entry: ActorAuditEntry): Promise<void> {
    return this.auditService.record(manager, {
      actorUserId: actor?.user?.id ?? null,
      ...entry,
      requestId: actor?.requestId ?? null,
    });
  }
}
