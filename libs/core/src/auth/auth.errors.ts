import { registerConstraintErrors } from '../errors/constraint-errors';
import { conflict, msg } from '../errors/domain-error';

/** Core's own tables' constraints, explained like the features' (registerConstraintErrors). */
export const AUTH_CONSTRAINT_ERRORS = {
  uq_users_email: () => conflict(msg('error.db.emailTaken'), { constraint: 'uq_users_email' }),
  uq_users_person: () => conflict(msg('error.db.personHasSignIn'), { constraint: 'uq_users_person' }),
};
registerConstraintErrors(AUTH_CONSTRAINT_ERRORS);
