import { Global, Module } from '@nestjs/common';
import { MEMBERSHIP_READER } from '@coord/core';
import { RegistryReadService } from './registry-read.service';

/**
 * Organizations, people, coordination bodies, terms of reference and memberships.
 * Global so that core's PolicyService finds MEMBERSHIP_READER and other features inject RegistryReadService.
 */
@Global()
@Module({
  providers: [RegistryReadService, { provide: MEMBERSHIP_READER, useExisting: RegistryReadService }],
  exports: [RegistryReadService, MEMBERSHIP_READER],
})
export class RegistryModule {}
