import { describe, expect, it } from 'vitest';
import { actionsCsv } from './Actions';
import { appendPage, ownerFilter, type ActionRow } from './actionPages';
import { agendaInput } from './meetings/AgendaEditor';
import { auditChanges, buildTree, compositionRows, csvCell, managedBodyIds, moveItem } from './view';

const bodies = [
  { id: 'ncm', name: 'National mechanism', kind: 'NATIONAL_COORDINATION_MECHANISM', parent: null },
  { id: 'twg', name: 'Labour TWG', kind: 'TECHNICAL_WORKING_GROUP', parent: { id: 'ncm' } },
  { id: 'msa', name: 'Mombasa unit', kind: 'COUNTY_OUTREACH_PROGRAMME', parent: { id: 'ncm' } },
  { id: 'msa-sub', name: 'Likoni forum', kind: 'LOCAL_COORDINATION_FORUM', parent: { id: 'msa' } },
  { id: 'other', name: 'Another country', kind: 'OTHER', parent: null },
];

describe('the hierarchy and who manages it', () => {
  it('builds the tree with children in name order; a body whose parent is hidden is a root', () => {
    const tree = buildTree(bodies);
    expect(tree.map((n) => n.body.id)).toEqual(['other', 'ncm']);
    expect(tree[1].children.map((n) => n.body.id)).toEqual(['twg', 'msa']);
    expect(tree[1].children[1].children[0].body.id).toBe('msa-sub');
    expect(buildTree([bodies[3]]).map((n) => n.body.id)).toEqual(['msa-sub']);
  });

  it('a chair, co-chair or secretariat manages the body and everything beneath it; other roles manage nothing', () => {
    const secretariat = managedBodyIds([{ role: 'SECRETARIAT', body: { id: 'ncm' } }], bodies, false);
    expect([...secretariat].sort()).toEqual(['msa', 'msa-sub', 'ncm', 'twg']);
    const chair = managedBodyIds([{ role: 'CHAIR', body: { id: 'msa' } }], bodies, false);
    expect([...chair].sort()).toEqual(['msa', 'msa-sub']);
    expect(managedBodyIds([{ role: 'FOCAL_POINT', body: { id: 'ncm' } }], bodies, false).size).toBe(0);
    expect(managedBodyIds([{ role: 'MEMBER', body: { id: 'msa' } }], bodies, false).size).toBe(0);
    expect(managedBodyIds([], bodies, true).size).toBe(bodies.length);
  });
});

describe('the composition check', () => {
  it('one row per sector with members, required and missing seats, what is missing first', () => {
    const rows = compositionRows(
      [
        { sector: 'NATIONAL_GOVERNMENT', members: 3 },
        { sector: 'CIVIL_SOCIETY', members: 1 },
      ],
      [
        { sector: 'CIVIL_SOCIETY', minSeats: 2 },
        { sector: 'ACADEMIA', minSeats: 1 },
      ],
      [
        { sector: 'CIVIL_SOCIETY', minSeats: 1 },
        { sector: 'ACADEMIA', minSeats: 1 },
      ],
    );
    expect(rows).toEqual([
      { sector: 'CIVIL_SOCIETY', members: 1, required: 2, missing: 1 },
      { sector: 'ACADEMIA', members: 0, required: 1, missing: 1 },
      { sector: 'NATIONAL_GOVERNMENT', members: 3, required: 0, missing: 0 },
    ]);
  });
});

describe('the agenda', () => {
  it('moves an item and leaves the list alone for a move off either end', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    const list = ['a', 'b'];
    expect(moveItem(list, 0, -1)).toBe(list);
    expect(moveItem(list, 1, 2)).toBe(list);
  });

  it('sends trimmed titles, numbers for durations, null for what is empty', () => {
    expect(
      agendaInput([
        { key: '1', title: ' Opening ', durationMinutes: '10', presenterPersonId: 'p1', description: '' },
        { key: '2', title: 'AOB', durationMinutes: '', presenterPersonId: '', description: ' short ' },
      ]),
    ).toEqual([
      { title: 'Opening', durationMinutes: 10, presenterPersonId: 'p1', description: null },
      { title: 'AOB', durationMinutes: null, presenterPersonId: null, description: 'short' },
    ]);
  });
});

const row = (over: Partial<ActionRow>): ActionRow =>
  ({
    id: 'a1',
    title: 'Publish the directory',
    status: 'OPEN',
    dueOn: '2026-11-30',
    isOverdue: true,
    isCommitment: false,
    progressPercent: 0,
    body: { id: 'msa', name: 'Mombasa unit', subdivisionCode: 'KE-28' },
    ownerPerson: { id: 'p1', fullName: 'Amina' },
    ownerOrganization: { id: 'o1', name: 'Kituo cha Sheria', sector: 'CIVIL_SOCIETY' },
    frameworkTargets: [{ code: 'GCM-16' }, { code: 'SDG-10.7.2' }],
    ...over,
  }) as ActionRow;

describe('the national action list', () => {
  it('asks the API for an owner organization or an owner person, as the address names it', () => {
    expect(ownerFilter('o:o1')).toEqual({ ownerOrganizationId: 'o1' });
    expect(ownerFilter('p:p1')).toEqual({ ownerPersonId: 'p1' });
    expect(ownerFilter('')).toEqual({});
    expect(ownerFilter('x')).toEqual({});
  });

  it('adds a page to the loaded rows, each item once', () => {
    const first = [row({}), row({ id: 'a2' })];
    const merged = appendPage(first, [row({ id: 'a2' }), row({ id: 'a3' })]);
    expect(merged.map((r) => r.id)).toEqual(['a1', 'a2', 'a3']);
    expect(appendPage([], first)).toEqual(first);
  });

  it('writes one CSV line per item, quoting commas and neutralising formulas', () => {
    const csv = actionsCsv([row({ title: '=HYPERLINK("x"), then more' })]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,title,body,county,owner,organization,sector,status,due_on,overdue,progress_percent,framework_targets',
    );
    expect(lines[1]).toBe(
      `a1,"'=HYPERLINK(""x""), then more",Mombasa unit,KE-28,Amina,Kituo cha Sheria,CIVIL_SOCIETY,OPEN,2026-11-30,yes,0,GCM-16 SDG-10.7.2`,
    );
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(null)).toBe('');
  });
});

describe('the audit log', () => {
  it('reads {field: [before, after]} as rows, anything else as one raw row', () => {
    expect(auditChanges('{"status":["OPEN","DONE"],"title":[null,"New"]}')).toEqual([
      { field: 'status', before: 'OPEN', after: 'DONE' },
      { field: 'title', before: '—', after: 'New' },
    ]);
    expect(auditChanges('not json')).toEqual([{ field: '', before: '', after: 'not json' }]);
  });
});
