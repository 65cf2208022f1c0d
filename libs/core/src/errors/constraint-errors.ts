import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';

/** Builds the domain error (code, field, message) that explains one database constraint's violation. */
export type ConstraintError = () => DomainError;

const explanations = new Map<string, ConstraintError>();

/**
 * Each feature registers the constraints of its own tables (its `<feature>.errors.ts`, on import), so that core's
 * mapping names none of them. The checks in the services come first and explain; these catch what only the
 * database can see (two requests racing, a rule kept by a trigger).
 */
export function registerConstraintErrors(errors: Record<string, ConstraintError>): void {
  for (const [constraint, explain] of Object.entries(errors)) explanations.set(constraint, explain);
}

/** The registered explanation of a constraint violation, or undefined (not a violation, or none registered). */
export function explainConstraintViolation(error: unknown): DomainError | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const constraint = (error.driverError as { constraint?: string } | undefined)?.constraint;
  return constraint ? explanations.get(constraint)?.() : undefined;
}
