import { badInput, conflict, DomainError, notFound } from '@coord/core';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { isUuid } from './registry-read.service';
import { subdivisionProblem } from './registry.rules';

/**
 * The registry's database invariants turned into messages a person can act on. Services check first and
 * explain; these catch what only the database can see (two requests racing).
 */
const CONSTRAINT_ERRORS: Record<string, () => DomainError> = {
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
};

export function explainDatabaseError(error: unknown): unknown {
  if (error instanceof QueryFailedError) {
    const constraint = (error.driverError as { constraint?: string })?.constraint;
    const known = constraint ? CONSTRAINT_ERRORS[constraint] : undefined;
    if (known) return known();
  }
  return error;
}

/** One transaction for one mutation, with the registry's constraint violations explained. */
export async function registryTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await ds.transaction(work);
  } catch (error) {
    throw explainDatabaseError(error);
  }
}

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
