import { badInput, conflict, ConstraintError, notFound, registerConstraintErrors } from '@coord/core';
import { EntityManager } from 'typeorm';
import { isUuid } from './registry-read.service';
import { subdivisionProblem } from './registry.rules';

/**
 * The registry's database invariants turned into messages a person can act on. Services check first and
 * explain; these catch what only the database can see (two requests racing, a rule kept by a trigger).
 * Registered with core (registerConstraintErrors): MutationService.run and the GraphQL error mapping use them.
 */
export const REGISTRY_CONSTRAINT_ERRORS: Record<string, ConstraintError> = {
  ex_memberships_no_overlap: () =>
    conflict(
      'This person already has a membership of this body for an overlapping period: end the current one (endMembership) or start the new one after it ends',
      { constraint: 'ex_memberships_no_overlap' },
    ),
  ck_bodies_no_cycle: () =>
    badInput('A body cannot be placed beneath itself or one of its own sub-bodies', 'input.parentId'),
  uq_tor_one_adopted_per_body: () =>
    conflict('Another version of these terms of reference was adopted at the same time: reload and try again', {
      constraint: 'uq_tor_one_adopted_per_body',
    }),
  uq_tor_body_version: () =>
    conflict('Another draft of these terms of reference was created at the same time: try again', {
      constraint: 'uq_tor_body_version',
    }),
  uq_people_email: () =>
    conflict(
      'Another person with this email was registered at the same time: search people by name and use that record',
      {
        field: 'input.email',
        constraint: 'uq_people_email',
      },
    ),
  ck_tor_immutable: () => conflict('Adopted terms of reference cannot be changed: draft a new version instead'),
  // The adopting meeting's body is checked by a trigger (the registry cannot read meetings).
  ck_tor_meeting_same_body: () =>
    badInput('meetingId must be a meeting of the body whose terms of reference are adopted', 'meetingId', {
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
  const problem = subdivisionProblem(subdivisionCode, countryCode);
  if (problem) throw badInput(problem, 'input.subdivisionCode');
}

/** Trims a free-text field; blank becomes null. */
export function clean(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}
