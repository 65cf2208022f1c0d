import { Module } from '@nestjs/common';
import { FrameworkTargetsResolver } from './framework-targets.resolver';
import { FrameworkTargetsService } from './framework-targets.service';

/** Action items and commitments, their progress, framework alignment and reports. */
@Module({
  providers: [FrameworkTargetsService, FrameworkTargetsResolver],
  exports: [FrameworkTargetsService],
})
export class ActionsModule {}
