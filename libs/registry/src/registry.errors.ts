import { badInput, conflict, DomainError, notFound, msg } from '@coord/core';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { isUuid } from './registry-read.service';
import { subdivisionProblemText } from './registry.rules';

/**
 * The registry's database invariants turned into messages a person can act on. Services check first and
 * explain; these catch what only the database can see (two requests racing).
 */
const CONSTRAINT_ERRORS: Record<string, () => DomainError> = {
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
  const problem = subdivisionProblemText(subdivisionCode, countryCode);
  if (problem) throw badInput(problem, 'input.subdivisionCode');
}

/** Trims a free-text field; blank becomes null. */
export function clean(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}
