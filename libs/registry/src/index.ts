export * from './registry.enums';
export * from './organization.entity';
export * from './person.entity';
export * from './coordination-body.entity';
export * from './terms-of-reference.entity';
export * from './membership.entity';
export * from './registry.module';
export * from './registry-read.service';
export * from './reminder-settings';

import { CoordinationBody } from './coordination-body.entity';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';
import { Person } from './person.entity';
import { TermsOfReference } from './terms-of-reference.entity';
/** Tables owned by the registry feature. */
export const REGISTRY_ENTITIES = [Organization, Person, CoordinationBody, TermsOfReference, Membership];
export * from './registry-access';
export * from './registry.loaders';
export * from './registry.types';
export * from './registry.inputs';
export * from './bodies.inputs';
export * from './memberships.inputs';
export * from './registry.rules';
export * from './composition';
export { coveredAlternateSql } from './alternates';
export { ERASED_NAME, NAME_PLACEHOLDER, ErasureService } from './erasure.service';
export { locate } from './registry-translations';
