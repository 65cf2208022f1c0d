import type { Translate } from '../../i18n/i18n';
import { enumLabel } from '../../ui/labels';

export interface TorContent {
  mandate: string;
  objectives: string[];
  functions: string[];
  quorumFraction: number;
  decisionRule: string;
  meetingFrequency: string;
  resources?: string | null;
  reviewDueOn?: string | null;
  requiredSeats: Array<{ sector: string; minSeats: number }>;
}

/**
 * Terms of reference as lines of text to compare: one line per objective, function and seat, so that the diff
 * says which one changed; headings in the reader's language.
 */
export function torText(tor: TorContent | null | undefined, t: Translate): string {
  if (!tor) return '';
  const lines = [
    `${t('body.mandate')}:`,
    ...tor.mandate.split('\n'),
    `${t('body.objectives')}:`,
    ...tor.objectives.map((o) => `• ${o}`),
    `${t('body.functions')}:`,
    ...tor.functions.map((f) => `• ${f}`),
    t('body.torRules', {
      frequency: enumLabel(t, 'frequency', tor.meetingFrequency),
      rule: enumLabel(t, 'decisionRule', tor.decisionRule),
      quorum: Math.round(tor.quorumFraction * 1000) / 10,
    }),
    ...tor.requiredSeats.map((s) => t('tor.seatLine', { sector: enumLabel(t, 'sector', s.sector), count: s.minSeats })),
  ];
  if (tor.resources) lines.push(`${t('tor.resources')}:`, ...tor.resources.split('\n'));
  if (tor.reviewDueOn) lines.push(t('tor.reviewLine', { date: tor.reviewDueOn }));
  return lines.join('\n');
}
