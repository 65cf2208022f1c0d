import { registerConstraintErrors } from '../errors/constraint-errors';
import { conflict } from '../errors/domain-error';

/** Core's own tables' constraints, explained like the features' (registerConstraintErrors). */
export const AUTH_CONSTRAINT_ERRORS = {
  uq_users_email: () => conflict('A sign-in with this email already exists', { constraint: 'uq_users_email' }),
  uq_users_person: () => conflict('This person already has a sign-in', { constraint: 'uq_users_person' }),
};
registerConstraintErrors(AUTH_CONSTRAINT_ERRORS);
