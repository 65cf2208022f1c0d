import { parseDurationMs } from '@coord/core';

/**
 * Quorum rules, pure (no Nest, no TypeORM).
 *
 * required = ceil(quorumFraction x voting members), with the fraction of the body's current adopted terms
 * of reference. A body without adopted terms of reference needs a simple majority of its voting members
 * (more than half: floor(n / 2) + 1): the usual default of rules of procedure when none were adopted.
 * counted = accepted voting invitees before attendance is recorded; present voting participants after.
 * A body without voting members has nothing to count: quorum is required 0 and met.
 */
export interface QuorumParticipant {
  voting: boolean;
  rsvp: string;
  attendance: string | null;
  personId?: string;
  /** An alternate holding this principal's seat: the seat counts once, whoever of the two is counted. */
  standingInForPersonId?: string | null;
}

export interface QuorumInput {
  /** From the current adopted ToR; null when the body has none. */
  quorumFraction: number | null;
  /** Voting members of the body on the meeting's day. */
  votingMembers: number;
  participants: readonly QuorumParticipant[];
  attendanceRecorded: boolean;
}

export interface Quorum {
  votingMembers: number;
  required: number;
  counted: number;
  met: boolean;
}

export function requiredForQuorum(votingMembers: number, quorumFraction: number | null): number {
  if (votingMembers <= 0) return 0;
  if (quorumFraction === null || !(quorumFraction > 0)) return Math.floor(votingMembers / 2) + 1;
  // Rounding guard: 0.6 x 10 is 6.000000000000001 in floating point, which must stay 6.
  return Math.min(votingMembers, Math.ceil(Math.round(quorumFraction * votingMembers * 1e6) / 1e6));
}

export function computeQuorum(input: QuorumInput): Quorum {
  const required = requiredForQuorum(input.votingMembers, input.quorumFraction);
  const seats = new Set<unknown>();
  input.participants
    .filter((p) => p.voting && (input.attendanceRecorded ? p.attendance === 'PRESENT' : p.rsvp === 'ACCEPTED'))
    .forEach((p, i) => seats.add(p.standingInForPersonId ?? p.personId ?? i));
  const counted = seats.size;
  return { votingMembers: input.votingMembers, required, counted, met: counted >= required };
}

/** Without a reminder policy, a meeting is watched for quorum from a week before it. */
const DEFAULT_RISK_WINDOW_MS = 7 * 86400_000;

/**
 * How long before a meeting its quorum is watched: the body's longest meeting-reminder lead time (from the first
 * reminder on, members are expected to answer; months ahead, few have, and that is no risk yet).
 */
export function quorumRiskWindowMs(meetingReminders: readonly string[] | null | undefined): number {
  const leads = (meetingReminders ?? []).map(parseDurationMs).filter((ms): ms is number => ms !== undefined);
  return leads.length ? Math.max(...leads) : DEFAULT_RISK_WINDOW_MS;
}

/**
 * Before the meeting is held, within its risk window (`quorumRiskWindowMs`) of its start: are the accepted voting
 * RSVPs below quorum?
 */
export function isQuorumAtRisk(
  input: QuorumInput & { status: string; startsAt: Date; now: Date; riskWindowMs: number },
): boolean {
  if (input.status !== 'SCHEDULED' || input.attendanceRecorded) return false;
  if (input.startsAt.getTime() - input.now.getTime() > input.riskWindowMs) return false;
  return !computeQuorum(input).met;
}
