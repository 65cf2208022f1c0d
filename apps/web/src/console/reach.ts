import type { ReachDimension } from '../gql/graphql';

export const REACH_DIMENSIONS: ReachDimension[] = ['SEX', 'AGE_BAND', 'LOCALITY', 'BODY'];

export interface ReachInput {
  sex?: string | null;
  ageBand?: string | null;
  locality?: string | null;
  body?: { id: string; name: string } | null;
  count?: number | null;
  suppressed: boolean;
}

export interface ReachView {
  key: string;
  label: string;
  /** Null when suppressed: never shown as 0. */
  count: number | null;
  suppressed: boolean;
}

/**
 * One row per value of the dimension, labelled by `label(group, value)` for enum values. A suppressed cell keeps
 * count null (the table says "suppressed", the chart leaves its bar out): a small count must not read as zero.
 */
export function reachRows(
  rows: ReachInput[],
  dimension: ReachDimension,
  label: (group: 'sex' | 'ageBand', value: string) => string,
  unknown: string,
): ReachView[] {
  return rows.map((r) => {
    let key: string;
    let text: string;
    if (dimension === 'SEX') [key, text] = [r.sex ?? '', r.sex ? label('sex', r.sex) : unknown];
    else if (dimension === 'AGE_BAND')
      [key, text] = [r.ageBand ?? '', r.ageBand ? label('ageBand', r.ageBand) : unknown];
    else if (dimension === 'LOCALITY') [key, text] = [r.locality ?? '', r.locality || unknown];
    else [key, text] = [r.body?.id ?? '', r.body?.name ?? unknown];
    return { key, label: text, count: r.suppressed ? null : (r.count ?? null), suppressed: r.suppressed };
  });
}

/** The total of the cells one may see, and whether some were held back. */
export function reachTotal(rows: ReachView[]): { shown: number; partial: boolean } {
  return {
    shown: rows.reduce((sum, r) => sum + (r.count ?? 0), 0),
    partial: rows.some((r) => r.suppressed),
  };
}
