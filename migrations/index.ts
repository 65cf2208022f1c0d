import { CoreAuthAudit1763900000000 } from './1763900000000-core-auth-audit';
import { FrameworkTargets1763900001000 } from './1763900001000-framework-targets';

/** Every migration in order. The only source of the schema. */
export const MIGRATIONS = [CoreAuthAudit1763900000000, FrameworkTargets1763900001000];
