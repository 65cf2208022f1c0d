import { Inject, Injectable, Optional } from '@nestjs/common';
import DataLoader from 'dataloader';
import { forbidden, localized, notFound, msg } from '../errors/domain-error';
import { RequestMemo } from '../graphql/request-context';
import { AuthUser, isAdmin } from './auth-user';

/**
 * Roles a person can hold on a body. Kept in core (as strings) so that the policy can reason about them
 * without depending on the registry feature, which owns memberships.
 */
export type BodyRole =
  | 'CHAIR'
  | 'CO_CHAIR'
  | 'VICE_CHAIR'
  | 'SECRETARIAT'
  | 'MEMBER'
  | 'ALTERNATE'
  | 'OBSERVER'
  | 'STANDING_INVITEE'
  | 'FOCAL_POINT';

/** What a user may want to do on a coordination body. */
export enum BodyAction {
  /** See the body, its members, meetings and items even when it is private. */
  READ = 'READ',
  /** Change the body: ToR, members, reminder policy, sub-bodies, meetings, minutes, decisions, action items. */
  MANAGE = 'MANAGE',
  /** See members' contact data (email, phone). */
  SEE_CONTACTS = 'SEE_CONTACTS',
}

export const MANAGING_ROLES: readonly BodyRole[] = ['CHAIR', 'CO_CHAIR', 'SECRETARIAT'];

/**
 * Roles held on a body (`own`) and on its ancestors (`inherited`) that open its private records: any role on the
 * body itself, a managing role above it.
 */
export function readsWhole(own: readonly BodyRole[], inherited: readonly BodyRole[]): boolean {
  return own.length > 0 || inherited.some((role) => MANAGING_ROLES.includes(role));
}

/** Facts about bodies and memberships the policy needs; implemented by the registry feature. */
export interface MembershipReader {
  /** Active memberships of a person (today): body and role. */
  activeRolesOf(personId: string): Promise<Array<{ bodyId: string; role: BodyRole }>>;
  /** The body's ancestors, nearest first (empty for a top-level body). Undefined when the body does not exist. */
  bodyFacts(bodyId: string): Promise<BodyFacts | undefined>;
  /** bodyFacts of several bodies in one query, in the order of `bodyIds`. */
  bodyFactsMany?(bodyIds: readonly string[]): Promise<Array<BodyFacts | undefined>>;
  /** bodyFactsMany and activeRolesOf(personId) in one query (one round trip fewer for the first rule of a request). */
  bodyFactsManyWithRoles?(
    bodyIds: readonly string[],
    personId: string,
  ): Promise<{ facts: Array<BodyFacts | undefined>; roles: Array<{ bodyId: string; role: BodyRole }> }>;
}

type Roles = Array<{ bodyId: string; role: BodyRole }>;

/** Per request: the body-facts loader, and whose roles its next batch should read along (see rolesOn). */
interface FactsBatch {
  loader: DataLoader<string, BodyFacts | undefined>;
  rolesWanted: Map<string, { resolve: (roles: Roles) => void; reject: (error: unknown) => void; taken: boolean }>;
}

export interface BodyFacts {
  isPublic: boolean;
  ancestorIds: string[];
}
export const MEMBERSHIP_READER = Symbol('MEMBERSHIP_READER');

/**
 * The one place that answers "may this user do X on body B". Rules:
 * - platform admins may do everything;
 * - CHAIR, CO_CHAIR and SECRETARIAT of a body manage it and every body beneath it;
 * - a body is read whole (private records: roster, drafts, internal tasks, join links) by its own active members
 *   and by those who manage it (the managing roles of it or of an ancestor). A plain member of an ancestor does not
 *   read a sub-body: a private counter-trafficking TWG is not open to every member of the NCM above it;
 * - contact data is for admins and the managing roles (the secretariat);
 * - public bodies are readable by anyone, signed in or not;
 * - anyone else gets NOT_FOUND for a private body, so that its existence does not leak. (Invitees of a meeting of
 *   a private body read that meeting: meetings' own rule, MeetingsAccessService.)
 * RegistryAccessService.wholeReadSql is the same rule in SQL, for lists.
 */
@Injectable()
export class PolicyService {
  constructor(@Optional() @Inject(MEMBERSHIP_READER) private readonly reader?: MembershipReader) {}

  /** Roles the user holds on the body itself and, with `inherited`, on its ancestors. */
  async rolesOn(user: AuthUser | null, bodyId: string, memo?: RequestMemo) {
    const personId = user?.personId;
    // The first rule of a request needs the body's facts and the caller's roles: when both are still unknown, the
    // facts loader's batch reads the roles along (one statement instead of two in every operation, issue 21).
    const rolesKey = `roles:${personId}`;
    const batch = memo && personId && this.reader?.bodyFactsManyWithRoles ? this.batch(memo) : undefined;
    if (batch && personId && !memo!.has(rolesKey)) {
      const wanted = { resolve: (_: Roles) => {}, reject: (_: unknown) => {}, taken: false };
      const roles = new Promise<Roles>((resolve, reject) => Object.assign(wanted, { resolve, reject }));
      roles.catch(() => undefined); // awaited below (or by a later rule); never an unhandled rejection
      batch.rolesWanted.set(personId, wanted);
      void memo!.once(rolesKey, () => roles);
    }
    const facts = await this.facts(bodyId, memo);
    const pending = personId ? batch?.rolesWanted.get(personId) : undefined;
    if (pending && !pending.taken) {
      // The body's facts were already known (no batch ran): read the roles on their own.
      batch!.rolesWanted.delete(personId!);
      this.reader!.activeRolesOf(personId!).then(pending.resolve, pending.reject);
    }
    if (!facts || !personId || !this.reader) return { facts, own: [] as BodyRole[], inherited: [] as BodyRole[] };
    const roles = await this.myRoles(user!, memo);
    const own = roles.filter((r) => r.bodyId === bodyId).map((r) => r.role);
    const ancestors = new Set(facts.ancestorIds);
    const inherited = roles.filter((r) => ancestors.has(r.bodyId)).map((r) => r.role);
    return { facts, own, inherited };
  }

  async can(user: AuthUser | null, action: BodyAction, bodyId: string, memo?: RequestMemo): Promise<boolean> {
    if (isAdmin(user)) return (await this.facts(bodyId, memo)) !== undefined;
    const { facts, own, inherited } = await this.rolesOn(user, bodyId, memo);
    if (!facts) return false;
    switch (action) {
      case BodyAction.READ:
        return facts.isPublic || readsWhole(own, inherited);
      case BodyAction.MANAGE:
      case BodyAction.SEE_CONTACTS:
        return [...own, ...inherited].some((role) => MANAGING_ROLES.includes(role));
    }
  }

  /** Reads the body whole (its private records), not only what is public: admins, own members, managers. */
  async readsWhole(user: AuthUser | null, bodyId: string, memo?: RequestMemo): Promise<boolean> {
    if (isAdmin(user)) return (await this.facts(bodyId, memo)) !== undefined;
    const { facts, own, inherited } = await this.rolesOn(user, bodyId, memo);
    return !!facts && readsWhole(own, inherited);
  }

  /**
   * Throws NOT_FOUND when the user may not even read the body (or it does not exist), FORBIDDEN when
   * they may read it but not do `action`.
   */
  async require(user: AuthUser | null, action: BodyAction, bodyId: string, memo?: RequestMemo): Promise<void> {
    if (await this.can(user, action, bodyId, memo)) return;
    if (action !== BodyAction.READ && (await this.can(user, BodyAction.READ, bodyId, memo))) {
      throw user
        ? localized(forbidden(msg('error.core.auth.chairCoChairSecretariat')), 'error.onlyManagers')
        : localized(forbidden(msg('error.meetings.signDo')), 'error.unauthenticated');
    }
    throw notFound('Coordination body', bodyId);
  }

  requireAdmin(user: AuthUser | null): void {
    if (!isAdmin(user)) throw localized(forbidden(msg('error.core.auth.platformAdminDo')), 'error.adminOnly');
  }

  /** Ids of the bodies where the user holds one of `roles` (directly). */
  async bodiesWithRole(user: AuthUser | null, roles: readonly BodyRole[], memo?: RequestMemo): Promise<string[]> {
    if (!user?.personId) return [];
    const mine = await this.myRoles(user, memo);
    return [...new Set(mine.filter((r) => roles.includes(r.role)).map((r) => r.bodyId))];
  }

  private myRoles(user: AuthUser, memo?: RequestMemo) {
    const compute = () => this.reader!.activeRolesOf(user.personId!);
    return memo ? memo.once(`roles:${user.personId}`, compute) : compute();
  }

  private facts(bodyId: string, memo?: RequestMemo): Promise<BodyFacts | undefined> {
    const reader = this.reader;
    if (!reader) return Promise.resolve(undefined);
    if (!memo) return reader.bodyFacts(bodyId);
    // Within a request, the bodies asked about in the same tick (a list of meetings across bodies) are read in one
    // query: the per-field rules (participants, join links, minutes) stay a constant number of queries per list.
    if (!reader.bodyFactsMany) return memo.once(`body:${bodyId}`, () => reader.bodyFacts(bodyId));
    return memo.once(`body:${bodyId}`, () => this.batch(memo).loader.load(bodyId));
  }

  private batch(memo: RequestMemo): FactsBatch {
    let state = this.batches.get(memo);
    if (!state) {
      const reader = this.reader!;
      const batch: FactsBatch = {
        rolesWanted: new Map(),
        loader: new DataLoader<string, BodyFacts | undefined>(async (ids) => {
          const [personId, wanted] = [...batch.rolesWanted].find(([, w]) => !w.taken) ?? [];
          if (!personId || !wanted || !reader.bodyFactsManyWithRoles) return reader.bodyFactsMany!(ids);
          wanted.taken = true;
          batch.rolesWanted.delete(personId);
          try {
            const { facts, roles } = await reader.bodyFactsManyWithRoles(ids, personId);
            wanted.resolve(roles);
            return facts;
          } catch (error) {
            wanted.reject(error);
            throw error;
          }
        }),
      };
      state = batch;
      this.batches.set(memo, state);
    }
    return state;
  }

  /** The FactsBatch of each live request (weak: gone with the request's memo). */
  private readonly batches = new WeakMap<RequestMemo, FactsBatch>();
}
