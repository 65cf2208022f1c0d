import { TestApp } from '@coord/testing';
import { HOUR } from './fixtures';

/**
 * What the meetings-*.int-spec.ts files share (they were one file): the GraphQL documents they send, and reads
 * of the rows the API wrote. Each file starts its own app (and so its own database) with TEST_ENV.
 */
export const MEETING = `query($id: ID!) { meeting(id: $id) {
  id status title
  participants { person { id } organization { id } rsvp attendance isMember voting }
  quorum { votingMembers required counted met } quorumAtRisk
  minutes { status text } decisions { id text agendaItem { id } }
} }`;
export const UPDATE = `mutation($id: ID!, $input: MeetingUpdateInput!) { updateMeeting(id: $id, input: $input) { id startsAt } }`;
export const CANCEL = `mutation($id: ID!, $reason: String) { cancelMeeting(id: $id, reason: $reason) { id status cancelReason } }`;
export const RESPOND = `mutation($id: ID!, $rsvp: Rsvp!) { respondToInvitation(meetingId: $id, rsvp: $rsvp) { rsvp person { id } } }`;
export const ATTEND = `mutation($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(meetingId: $id, entries: $entries) { id status } }`;
export const RECORD_MINUTES = `mutation($id: ID!, $text: String!) { recordMinutes(meetingId: $id, text: $text) { id status } }`;
export const CIRCULATE = `mutation($id: ID!) { circulateMinutes(meetingId: $id) { id status circulatedAt } }`;
export const ADOPT = `mutation($id: ID!) { adoptMinutes(meetingId: $id) { id status adoptedAt } }`;
export const DECIDE = `mutation($id: ID!, $text: String!, $item: ID) { recordDecision(meetingId: $id, text: $text, agendaItemId: $item) { id text agendaItem { id } meeting { id } } }`;
export const SET_AGENDA = `mutation($id: ID!, $items: [AgendaItemInput!]!) { setAgenda(meetingId: $id, items: $items) { id agenda { id position title durationMinutes presenter { id } } } }`;

export interface IntentRow {
  id: string;
  kind: string;
  due_at: Date;
  status: string;
  dedupe_key: string;
  payload: Record<string, unknown>;
}

/** The reminder intents of a meeting, by due time. */
export const meetingIntents = (t: TestApp, meetingId: string): Promise<IntentRow[]> =>
  t.dataSource.query(
    `SELECT id, kind, due_at, status, dedupe_key, payload FROM reminder_intents WHERE subject_id = $1 ORDER BY due_at, kind`,
    [meetingId],
  );

/** How many meetings a body has. */
export const countMeetings = async (t: TestApp, bodyId: string) =>
  Number((await t.dataSource.query(`SELECT count(*) AS n FROM meetings WHERE body_id = $1`, [bodyId]))[0].n);

/** A meeting that started an hour ago, so that attendance can be recorded. */
export const justStarted = () => ({
  startsAt: new Date(Date.now() - HOUR).toISOString(),
  endsAt: new Date(Date.now() + HOUR).toISOString(),
});
