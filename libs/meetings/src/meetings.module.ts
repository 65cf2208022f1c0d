import { Module } from '@nestjs/common';

/** Meetings, agenda, participants, quorum, minutes, decisions and calendar feeds. */
@Module({})
export class MeetingsModule {}
