import { Inject, Injectable } from '@nestjs/common';
import {
  AccountTokensService,
  Actor,
  AuthUser,
  badInput,
  BodyAction,
  forbidden,
  isAdmin,
  MutationService,
  paginate,
  PlatformRole,
  PolicyService,
  User,
  msg,
} from '@coord/core';
import { DataSource } from 'typeorm';
import { likePattern } from './organizations.service';
import { Person } from './person.entity';
import { requireRow } from './registry.errors';
import { searchTerm } from './registry.inputs';
import { RegistryReadService } from './registry-read.service';

/**
 * Sign-ins of people: invitations (the registry knows a person's email and the bodies they sit on; core's
 * AccountsService makes the token and the mail) and the admins' list of sign-ins. Who may invite:
 * - platform admins, with any platform role;
 * - the CHAIR, CO_CHAIR or SECRETARIAT of a body the person is an active member of (or of an ancestor of it),
 *   with the USER role only.
 */
@Injectable()
export class UserAccountsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(PolicyService) private readonly policy: PolicyService,
    @Inject(RegistryReadService) private readonly registry: RegistryReadService,
    @Inject(AccountTokensService) private readonly accounts: AccountTokensService,
  ) {}

  async invite(actor: Actor<AuthUser>, personId: string, platformRole: PlatformRole): Promise<User> {
    const { user } = actor;
    if (!isAdmin(user)) {
      if (platformRole !== PlatformRole.USER) throw forbidden(msg('error.registry.platformAdminInviteAnother'));
      await requireRow(this.dataSource.manager, Person, 'Person', personId);
      const bodies = [...new Set((await this.registry.activeRolesOf(personId)).map((r) => r.bodyId))];
      let allowed = false;
      for (const bodyId of bodies) {
        if (await this.policy.can(user, BodyAction.MANAGE, bodyId)) {
          allowed = true;
          break;
        }
      }
      if (!allowed) {
        throw forbidden(msg('error.registry.platformAdminChairCo2'));
      }
    }
    return this.mutations.run(actor, async (em) => {
      const person = await requireRow(em, Person, 'Person', personId);
      if (person.erasedAt) throw badInput(msg('error.registry.personWasErasedCannot'), 'personId');
      if (!person.email) {
        throw badInput(msg('error.registry.personHasNoEmail'), 'personId');
      }
      return this.accounts.invite(
        em,
        actor,
        { id: person.id, email: person.email, fullName: person.fullName },
        platformRole,
      );
    });
  }

  /** Admin: sign-ins by email, searched by email or the person's name; two statements whatever the page size. */
  list(args: { search?: string | null; first?: number; after?: string }) {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u');
    const term = searchTerm(args.search);
    if (term) {
      qb.leftJoin('people', 'p', 'p.id = u.person_id').andWhere(
        `(u.email ILIKE :pattern OR p.full_name ILIKE :pattern)`,
        { pattern: likePattern(term) },
      );
    }
    return paginate(
      qb,
      { first: args.first ?? 20, after: args.after },
      {
        sortExpression: 'u.email',
        sortValue: (u) => u.email,
      },
    );
  }
}
