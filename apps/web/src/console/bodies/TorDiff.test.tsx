import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider, makeTranslate } from '../../i18n/i18n';
import { diffLines, diffTokens, diffWords } from './textDiff';
import { TextDiff } from './TorDiff';
import { torText } from './torText';

describe('textDiff', () => {
  it('keeps the longest common run and marks the rest removed or added', () => {
    expect(diffTokens(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'e'])).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'same', text: 'c' },
      { kind: 'same', text: 'd' },
      { kind: 'added', text: 'e' },
    ]);
    expect(diffTokens([], ['x'])).toEqual([{ kind: 'added', text: 'x' }]);
    expect(diffTokens(['x'], [])).toEqual([{ kind: 'removed', text: 'x' }]);
  });

  it('shows the words that changed in a reworded line, spaces kept', () => {
    expect(diffWords('Meets every quarter in Nairobi', 'Meets every month in Nairobi')).toEqual([
      { kind: 'same', text: 'Meets every ' },
      { kind: 'removed', text: 'quarter' },
      { kind: 'added', text: 'month' },
      { kind: 'same', text: ' in Nairobi' },
    ]);
  });

  it('pairs removed and added lines as changed lines; extra ones stay removed or added', () => {
    const lines = diffLines('Mandate\n• one\n• two\nEnd', 'Mandate\n• one more\nEnd\n• three');
    expect(lines.map((l) => l.kind)).toEqual(['same', 'changed', 'removed', 'same', 'added']);
    expect(lines[1].parts).toEqual([
      { kind: 'same', text: '• one' },
      { kind: 'added', text: ' more' },
    ]);
    expect(diffLines('same', 'same')).toEqual([{ kind: 'same', parts: [{ kind: 'same', text: 'same' }] }]);
  });
});

describe('TextDiff', () => {
  const tor = {
    mandate: 'Coordinate the national response to trafficking.',
    objectives: ['Protect survivors', 'Prosecute traffickers'],
    functions: ['Keep the referral directory'],
    quorumFraction: 0.5,
    decisionRule: 'CONSENSUS',
    meetingFrequency: 'QUARTERLY',
    requiredSeats: [{ sector: 'CIVIL_SOCIETY', minSeats: 1 }],
  };

  it('renders the adopted and draft terms as a diff a screen reader can follow', () => {
    const t = makeTranslate('en');
    const draft = {
      ...tor,
      objectives: ['Protect and assist survivors', 'Prosecute traffickers'],
      quorumFraction: 0.6,
    };
    render(
      <I18nProvider initial="en">
        <TextDiff before={torText(tor, t)} after={torText(draft, t)} label="Version 2 against 1" />
      </I18nProvider>,
    );
    expect(screen.getByText(/Version 2 against 1 · 2 lines changed/)).toBeInTheDocument();
    const diff = screen.getByTestId('tor-diff');
    const inserted = [...diff.querySelectorAll('ins')].map((e) => e.textContent);
    const deleted = [...diff.querySelectorAll('del')].map((e) => e.textContent);
    expect(inserted[0]).toMatch(/^Added: and assist\s*$/);
    expect(inserted.some((s) => s?.includes('60'))).toBe(true);
    expect(deleted.some((s) => s?.includes('50'))).toBe(true);
    expect(diff).toHaveTextContent('• Prosecute traffickers');
  });

  it('says so when nothing changed', () => {
    const t = makeTranslate('en');
    render(
      <I18nProvider initial="en">
        <TextDiff before={torText(tor, t)} after={torText(tor, t)} label="Same" />
      </I18nProvider>,
    );
    expect(screen.getByText(/Same · no change/)).toBeInTheDocument();
  });
});
