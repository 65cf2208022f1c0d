import { GOVERNMENT_SECTORS, StakeholderSector } from './registry.enums';

/**
 * The whole-of-government / whole-of-society check of one body, as a pure function: who sits on it today
 * (one row per active membership, with the sector of the organization represented) against the seats its
 * adopted terms of reference require.
 */
export interface ActiveSeat {
  sector: StakeholderSector;
  votingRights: boolean;
}

export interface Composition {
  activeMembers: number;
  votingMembers: number;
  bySector: Array<{ sector: StakeholderSector; members: number }>;
  /** minSeats = seats still missing for the sector. */
  unfilledSeats: Array<{ sector: StakeholderSector; minSeats: number }>;
  governmentShare: number;
  nonGovernmentShare: number;
}

const SECTOR_ORDER = Object.values(StakeholderSector);
const round = (x: number) => Math.round(x * 10_000) / 10_000;

export function composition(
  seats: readonly ActiveSeat[],
  requiredSeats: ReadonlyArray<{ sector: StakeholderSector; minSeats: number }>,
): Composition {
  const counts = new Map<StakeholderSector, number>();
  for (const seat of seats) counts.set(seat.sector, (counts.get(seat.sector) ?? 0) + 1);
  const activeMembers = seats.length;
  const government = seats.filter((s) => GOVERNMENT_SECTORS.includes(s.sector)).length;
  return {
    activeMembers,
    votingMembers: seats.filter((s) => s.votingRights).length,
    bySector: SECTOR_ORDER.filter((sector) => counts.has(sector)).map((sector) => ({
      sector,
      members: counts.get(sector)!,
    })),
    unfilledSeats: requiredSeats
      .map((r) => ({ sector: r.sector, minSeats: r.minSeats - (counts.get(r.sector) ?? 0) }))
      .filter((r) => r.minSeats > 0),
    governmentShare: activeMembers ? round(government / activeMembers) : 0,
    nonGovernmentShare: activeMembers ? round((activeMembers - government) / activeMembers) : 0,
  };
}
