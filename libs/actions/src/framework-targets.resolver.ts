import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Public } from '@coord/core';
import { FrameworkTarget } from './framework-target.entity';
import { FrameworkTargetsService } from './framework-targets.service';

@Resolver(() => FrameworkTarget)
export class FrameworkTargetsResolver {
  constructor(@Inject(FrameworkTargetsService) private readonly targets: FrameworkTargetsService) {}

  @Public()
  @Query(() => [FrameworkTarget], { description: 'The reference catalogue; public, it holds no personal data.' })
  frameworkTargets(@Args('framework', { type: () => String, nullable: true }) framework?: string) {
    return this.targets.list(framework);
  }
}
