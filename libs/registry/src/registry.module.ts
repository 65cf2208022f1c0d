import { Global, Module } from '@nestjs/common';
import { MEMBERSHIP_READER } from '@coord/core';
import { BodiesResolver } from './bodies.resolver';
import { BodiesService } from './bodies.service';
import { ErasureService } from './erasure.service';
import { MembershipsResolver } from './memberships.resolver';
import { MembershipAlternatesResolver } from './alternates';
import { TermReminders } from './term-reminders';
import { MembershipsService } from './memberships.service';
import { OrganizationsResolver } from './organizations.resolver';
import { OrganizationsService } from './organizations.service';
import { PeopleResolver, UserPersonResolver } from './people.resolver';
import { PeopleService } from './people.service';
import { RegistryAccessService } from './registry-access';
import { RegistryLoaders } from './registry.loaders';
import { RegistryReadService } from './registry-read.service';
import { ReminderSettingsRegistry } from './reminder-settings';
import {
  BodyTranslationsResolver,
  RegistryTranslations,
  TermsOfReferenceTranslationsResolver,
} from './registry-translations';
import { TermsOfReferenceResolver } from './terms-of-reference.resolver';
import { TermsOfReferenceService } from './terms-of-reference.service';
import { UserAccountsResolver } from './user-accounts.resolver';
import { UserAccountsService } from './user-accounts.service';

/**
 * Organizations, people, coordination bodies, terms of reference and memberships.
 * Global so that core's PolicyService finds MEMBERSHIP_READER and other features inject RegistryReadService,
 * RegistryLoaders (nested person/organization/body fields), RegistryAccessService (bulk visibility) and
 * ReminderSettingsRegistry (re-planning reminders when a body's reminder policy or time zone changes).
 */
@Global()
@Module({
  providers: [
    RegistryTranslations,
    BodyTranslationsResolver,
    TermsOfReferenceTranslationsResolver,
    RegistryReadService,
    { provide: MEMBERSHIP_READER, useExisting: RegistryReadService },
    RegistryAccessService,
    RegistryLoaders,
    ReminderSettingsRegistry,
    OrganizationsService,
    PeopleService,
    ErasureService,
    BodiesService,
    TermsOfReferenceService,
    MembershipsService,
    OrganizationsResolver,
    PeopleResolver,
    UserPersonResolver,
    BodiesResolver,
    TermsOfReferenceResolver,
    MembershipsResolver,
    UserAccountsService,
    UserAccountsResolver,
    MembershipAlternatesResolver,
    TermReminders,
  ],
  exports: [RegistryReadService, MEMBERSHIP_READER, RegistryAccessService, RegistryLoaders, ReminderSettingsRegistry],
})
export class RegistryModule {}
