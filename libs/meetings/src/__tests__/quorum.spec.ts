import { computeQuorum, isQuorumAtRisk, requiredForQuorum } from '../quorum';

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
    expect(isQuorumAtRisk({ ...input, status: 'CANCELLED' })).toBe(false);
    expect(isQuorumAtRisk({ ...input, attendanceRecorded: true, status: 'HELD' })).toBe(false);
  });
});
