import { badInput, conflict, ConstraintError, msg, notFound, registerConstraintErrors } from '@coord/core';
import { EntityManager } from 'typeorm';
import { isUuid } from './registry-read.service';
import { subdivisionProblemText } from './registry.rules';

/**
 * The registry's database invariants turned into messages a person can act on. Services check first and
 * explain; these catch what only the database can see (two requests racing, a rule kept by a trigger).
 * Registered with core (registerConstraintErrors): MutationService.run and the GraphQL error mapping use them.
 */
export const REGISTRY_CONSTRAINT_ERRORS: Record<string, ConstraintError> = {
  ex_memberships_no_overlap: () =>
    conflict(msg('error.registry.personAlreadyHasMembership'), { constraint: 'ex_memberships_no_overlap' }),
  ck_bodies_no_cycle: () => badInput(msg('error.registry.bodyCannotPlacedBeneath2'), 'input.parentId'),
  uq_tor_one_adopted_per_body: () =>
    conflict(msg('error.registry.anotherVersionTheseTerms'), {
      constraint: 'uq_tor_one_adopted_per_body',
    }),
  uq_tor_body_version: () =>
    conflict(msg('error.registry.anotherDraftTheseTerms'), {
      constraint: 'uq_tor_body_version',
    }),
  uq_people_email: () =>
    conflict(msg('error.registry.anotherPersonEmailWas'), {
      field: 'input.email',
      constraint: 'uq_people_email',
    }),
  ck_tor_immutable: () => conflict(msg('error.registry.adoptedTermsReferenceCannot')),
  // The adopting meeting's body is checked by a trigger (the registry cannot read meetings).
  ck_tor_meeting_same_body: () =>
    badInput(msg('error.db.torMeetingSameBody'), 'meetingId', {
      constraint: 'ck_tor_meeting_same_body',
    }),
};
registerConstraintErrors(REGISTRY_CONSTRAINT_ERRORS);

/** Loads a row by id or throws NOT_FOUND naming the entity (malformed ids are unknown ids). */
export async function requireRow<T extends object>(
  em: EntityManager,
  entity: { new (): T },
  label: string,
  id: string,
  lock = false,
): Promise<T> {
  const row = isUuid(id)
    ? await em.findOne(entity, {
        where: { id } as never,
        ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      })
    : null;
  if (!row) throw notFound(label, id);
  return row;
}

/** Country and subdivision codes together (the single codes are checked by the input rules). */
export function checkGeography(countryCode: string | null | undefined, subdivisionCode: string | null | undefined) {
  if (!subdivisionCode) return;
  const problem = subdivisionProblemText(subdivisionCode, countryCode);
  if (problem) throw badInput(problem, 'input.subdivisionCode');
}

/** Trims a free-text field; blank becomes null. */
export function clean(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}
