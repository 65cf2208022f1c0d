import { byKeys, GraphQLRequestContext, groupByKeys } from '@coord/core';
import { CoordinationBody, Organization, Person, RegistryReadService } from '@coord/registry';
import { AgendaItem, Meeting } from './meeting.entity';
import { MeetingsReadService, QuorumFacts } from './meetings-read.service';
import { Participant } from './participant.entity';
import { Minutes } from './minutes.entity';
import { Decision } from './decision.entity';

/**
 * The DataLoaders behind the meetings feature's nested fields: one SQL query per loader per request,
 * whatever the number of meetings or participants. Names are prefixed so they never clash with another
 * feature's loader for the same entity built by a different batch function.
 */
export class MeetingLoaders {
  constructor(
    private readonly ctx: GraphQLRequestContext,
    private readonly read: MeetingsReadService,
    private readonly registry: RegistryReadService,
  ) {}

  meeting() {
    return this.ctx.loaders.get<string, Meeting | null>('meetings:meeting.byId', async (ids) =>
      byKeys(ids, await this.read.meetingsByIds(ids), (m) => m.id),
    );
  }

  agenda() {
    return this.ctx.loaders.get<string, AgendaItem[]>('meetings:agenda.byMeeting', async (ids) =>
      groupByKeys(ids, await this.read.agendaOfMeetings(ids), (a) => a.meetingId),
    );
  }

  agendaItem() {
    return this.ctx.loaders.get<string, AgendaItem | null>('meetings:agendaItem.byId', async (ids) =>
      byKeys(ids, await this.read.agendaItemsByIds(ids), (a) => a.id),
    );
  }

  participants() {
    return this.ctx.loaders.get<string, Participant[]>('meetings:participants.byMeeting', async (ids) => {
      const rows = await this.read.participantsWithPeople(ids);
      const people = this.person();
      for (const row of rows) if (row.personRecord) people.prime(row.personId, row.personRecord);
      return groupByKeys(ids, rows, (p) => p.meetingId);
    });
  }

  minutes() {
    return this.ctx.loaders.get<string, Minutes | null>('meetings:minutes.byMeeting', async (ids) =>
      byKeys(ids, await this.read.minutesOfMeetings(ids), (m) => m.meetingId),
    );
  }

  decisions() {
    return this.ctx.loaders.get<string, Decision[]>('meetings:decisions.byMeeting', async (ids) =>
      groupByKeys(ids, await this.read.decisionsOfMeetings(ids), (d) => d.meetingId),
    );
  }

  quorumFacts() {
    return this.ctx.loaders.get<string, QuorumFacts | null>('meetings:quorumFacts.byMeeting', async (ids) =>
      byKeys(ids, await this.read.quorumFacts(ids), (f) => f.meetingId),
    );
  }

  /**
   * Gives this request's loaders rows of `meeting` a mutation has just written or read (scheduleMeeting: its body,
   * agenda in order, participants as the field lists them, quorum facts), so that the response does not read them.
   */
  prime(
    meeting: Meeting,
    rows: {
      body?: CoordinationBody;
      agenda?: AgendaItem[];
      participants?: Participant[];
      quorumFacts?: QuorumFacts;
    },
  ): void {
    if (rows.body) this.body().prime(meeting.bodyId, rows.body);
    if (rows.agenda) {
      this.agenda().prime(meeting.id, rows.agenda);
      for (const item of rows.agenda) this.agendaItem().prime(item.id, item);
    }
    if (rows.participants) this.participants().prime(meeting.id, rows.participants);
    if (rows.quorumFacts) this.quorumFacts().prime(meeting.id, rows.quorumFacts);
  }

  body() {
    return this.ctx.loaders.get<string, CoordinationBody | null>('meetings:body.byId', async (ids) =>
      byKeys(ids, await this.registry.bodiesByIds(ids), (b) => b.id),
    );
  }

  person() {
    return this.ctx.loaders.get<string, Person | null>('meetings:person.byId', async (ids) =>
      byKeys(ids, await this.registry.peopleByIds(ids), (p) => p.id),
    );
  }

  organization() {
    return this.ctx.loaders.get<string, Organization | null>('meetings:organization.byId', async (ids) =>
      byKeys(ids, await this.registry.organizationsByIds(ids), (o) => o.id),
    );
  }
}
