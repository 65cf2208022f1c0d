import { Module } from '@nestjs/common';

/** Outbox relay, BullMQ queues and processors, in-app notifications and mail. */
@Module({})
export class RemindersModule {}
