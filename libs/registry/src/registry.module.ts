import { Module } from '@nestjs/common';

/** Organizations, people, coordination bodies, terms of reference and memberships. */
@Module({})
export class RegistryModule {}
