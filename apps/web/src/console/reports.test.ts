import { describe, expect, it } from 'vitest';
import { cycleProblems, isMissing } from './cycleDocs';
import { evidenceOf, evidenceProblem } from './itemDocs';
import { reachRows, reachTotal } from './reach';
import { civilSocietyRate } from './SectorParticipation';
import { targetLocales, valuesFor } from './TranslationsPanel';
import { fileNameOf } from './download';

const label = (group: string, value: string) => `${group}:${value}`;

describe('outreach reach', () => {
  it('shows a suppressed cell as suppressed (count null), never as zero, and says the total is partial', () => {
    const rows = reachRows(
      [
        { sex: 'FEMALE', count: 71, suppressed: false },
        { sex: 'OTHER', count: null, suppressed: true },
        { sex: null, count: 3, suppressed: false },
      ],
      'SEX',
      label,
      'Not recorded',
    );
    expect(rows).toEqual([
      { key: 'FEMALE', label: 'sex:FEMALE', count: 71, suppressed: false },
      { key: 'OTHER', label: 'sex:OTHER', count: null, suppressed: true },
      { key: '', label: 'Not recorded', count: 3, suppressed: false },
    ]);
    expect(reachTotal(rows)).toEqual({ shown: 74, partial: true });
    expect(reachTotal(rows.slice(0, 1))).toEqual({ shown: 71, partial: false });
  });

  it('labels bodies by name, localities as written and age bands from the catalog', () => {
    const body = reachRows([{ body: { id: 'b1', name: 'Mombasa' }, count: 9, suppressed: false }], 'BODY', label, '?');
    expect(body[0]).toMatchObject({ key: 'b1', label: 'Mombasa' });
    expect(reachRows([{ locality: 'Likoni', count: 5, suppressed: false }], 'LOCALITY', label, '?')[0].label).toBe(
      'Likoni',
    );
    expect(reachRows([{ ageBand: 'AGE_18_35', count: 5, suppressed: false }], 'AGE_BAND', label, '?')[0].label).toBe(
      'ageBand:AGE_18_35',
    );
  });
});

describe('participation per sector', () => {
  it('answers “is civil society attending?” over its sectors, or null when never invited', () => {
    const rows = [
      { sector: 'CIVIL_SOCIETY', invitations: 4, attended: 3 },
      { sector: 'MIGRANT_ASSOCIATION', invitations: 2, attended: 0 },
      { sector: 'NATIONAL_GOVERNMENT', invitations: 10, attended: 10 },
    ];
    expect(civilSocietyRate(rows)).toEqual({ invitations: 6, attended: 3, rate: 0.5 });
    expect(civilSocietyRate(rows.slice(2))).toBeNull();
  });
});

describe('reporting cycles', () => {
  it('checks a new cycle as the API does, naming the field', () => {
    expect(cycleProblems({ title: ' ', periodFrom: '', periodTo: '', dueOn: '' }).map((p) => p.field)).toEqual([
      'title',
      'periodFrom',
      'periodTo',
      'dueOn',
    ]);
    expect(
      cycleProblems({ title: 'H1', periodFrom: '2027-01-01', periodTo: '2026-12-31', dueOn: '2026-12-01' }),
    ).toEqual([
      { field: 'periodTo', key: 'cycles.toBeforeFrom' },
      { field: 'dueOn', key: 'cycles.dueBeforeFrom' },
    ]);
    expect(
      cycleProblems({ title: 'H1', periodFrom: '2027-01-01', periodTo: '2027-06-30', dueOn: '2027-07-31' }),
    ).toEqual([]);
  });

  it('counts as missing what is neither submitted nor accepted', () => {
    expect(['NOT_STARTED', 'DRAFT', 'RETURNED', 'SUBMITTED', 'ACCEPTED'].filter(isMissing)).toEqual([
      'NOT_STARTED',
      'DRAFT',
      'RETURNED',
    ]);
  });

  it('names the downloaded file as the API does', () => {
    expect(fileNameOf('attachment; filename="reporting-cycle-1.csv"', 'x.csv')).toBe('reporting-cycle-1.csv');
    expect(fileNameOf(null, 'x.csv')).toBe('x.csv');
  });
});

describe('evidence', () => {
  it('accepts http(s) links with a host, as the API does', () => {
    expect(evidenceProblem('https://www.example.go.ke/plan.pdf')).toBe('');
    expect(evidenceProblem('  ')).toBe('required');
    expect(evidenceProblem('javascript:alert(1)')).toBe('shape');
    expect(evidenceProblem('https://exa mple.org')).toBe('shape');
    expect(evidenceProblem('ftp://example.org/x')).toBe('shape');
  });

  it('lists the trail’s links newest first', () => {
    const updates = [
      { id: 'u1', createdAt: '2026-01-01T00:00:00Z', note: 'a', evidenceUrls: ['https://a.org'], author: null },
      {
        id: 'u2',
        createdAt: '2026-02-01T00:00:00Z',
        note: 'b',
        evidenceUrls: ['https://b.org', 'https://c.org'],
        author: null,
      },
    ];
    expect(evidenceOf({ updates }).map((e) => e.url)).toEqual(['https://b.org', 'https://c.org', 'https://a.org']);
  });
});

describe('translations', () => {
  it('offers every content language but the original, and fills the form from the saved texts', () => {
    expect(targetLocales('en')).toEqual(['sw', 'fr', 'es', 'ar', 'pt']);
    const saved = [
      { locale: 'sw', field: 'title', text: 'Chapisha orodha' },
      { locale: 'fr', field: 'title', text: 'Publier la liste' },
    ];
    expect(valuesFor(saved, 'sw', [{ name: 'title' }, { name: 'description' }])).toEqual({
      title: 'Chapisha orodha',
      description: '',
    });
  });
});
