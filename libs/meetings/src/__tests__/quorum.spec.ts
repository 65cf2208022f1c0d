import { computeQuorum, isQuorumAtRisk, quorumRiskWindowMs, requiredForQuorum } from '../quorum';

const NOW = new Date('2027-03-01T09:00:00Z');
const WEEK = 7 * 86400_000;
const soon = { startsAt: new Date(NOW.getTime() + 86400_000), now: NOW, riskWindowMs: WEEK };

const p = (voting: boolean, rsvp: string, attendance: string | null = null) => ({ voting, rsvp, attendance });

describe('quorum rules', () => {
  it('requires ceil(quorumFraction x voting members)', () => {
    expect(requiredForQuorum(10, 0.5)).toBe(5);
    expect(requiredForQuorum(7, 0.5)).toBe(4);
    expect(requiredForQuorum(10, 0.6)).toBe(6);
    expect(requiredForQuorum(3, 2 / 3)).toBe(2);
    expect(requiredForQuorum(9, 1)).toBe(9);
  });

  it('defaults to a simple majority when the body has no adopted terms of reference', () => {
    expect(requiredForQuorum(10, null)).toBe(6);
    expect(requiredForQuorum(7, null)).toBe(4);
    expect(requiredForQuorum(1, null)).toBe(1);
  });

  it('needs nobody when the body has no voting members', () => {
    expect(
      computeQuorum({ quorumFraction: 0.5, votingMembers: 0, participants: [], attendanceRecorded: false }),
    ).toEqual({ votingMembers: 0, required: 0, counted: 0, met: true });
  });

  it('counts accepted voting invitees before attendance, excluding non-voting ones', () => {
    const participants = [p(true, 'ACCEPTED'), p(true, 'TENTATIVE'), p(false, 'ACCEPTED'), p(true, 'DECLINED')];
    const q = computeQuorum({ quorumFraction: 0.5, votingMembers: 4, participants, attendanceRecorded: false });
    expect(q).toEqual({ votingMembers: 4, required: 2, counted: 1, met: false });
    expect(
      isQuorumAtRisk({
        quorumFraction: 0.5,
        votingMembers: 4,
        participants,
        attendanceRecorded: false,
        status: 'SCHEDULED',
        ...soon,
      }),
    ).toBe(true);
  });

  it('counts present voting participants once attendance is recorded, whatever they answered', () => {
    const participants = [
      p(true, 'DECLINED', 'PRESENT'),
      p(true, 'ACCEPTED', 'ABSENT'),
      p(true, 'INVITED', 'PRESENT'),
      p(false, 'ACCEPTED', 'PRESENT'),
      p(true, 'ACCEPTED', 'EXCUSED'),
    ];
    const q = computeQuorum({ quorumFraction: 0.5, votingMembers: 4, participants, attendanceRecorded: true });
    expect(q).toEqual({ votingMembers: 4, required: 2, counted: 2, met: true });
  });

  it('is not at risk once held or cancelled', () => {
    const input = { quorumFraction: 1, votingMembers: 3, participants: [], attendanceRecorded: false };
    expect(isQuorumAtRisk({ ...input, status: 'CANCELLED', ...soon })).toBe(false);
    expect(isQuorumAtRisk({ ...input, attendanceRecorded: true, status: 'HELD', ...soon })).toBe(false);
  });

  it('is at risk only within the body’s longest reminder lead time of the start', () => {
    const input = {
      quorumFraction: 1,
      votingMembers: 3,
      participants: [],
      attendanceRecorded: false,
      status: 'SCHEDULED',
    };
    const window = quorumRiskWindowMs(['P1D', 'P14D', 'PT2H']);
    expect(window).toBe(14 * 86400_000);
    const at = (days: number) => new Date(NOW.getTime() + days * 86400_000);
    expect(isQuorumAtRisk({ ...input, startsAt: at(90), now: NOW, riskWindowMs: window })).toBe(false);
    expect(isQuorumAtRisk({ ...input, startsAt: at(15), now: NOW, riskWindowMs: window })).toBe(false);
    expect(isQuorumAtRisk({ ...input, startsAt: at(14), now: NOW, riskWindowMs: window })).toBe(true);
    expect(isQuorumAtRisk({ ...input, startsAt: at(-0.01), now: NOW, riskWindowMs: window })).toBe(true);
    // Without a policy, a week.
    expect(quorumRiskWindowMs([])).toBe(WEEK);
  });
});
