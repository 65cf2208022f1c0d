import { splitChanges } from '../audit/audit.service';

describe('audit changes: personal values never stored, free texts kept apart', () => {
  it('masks email, full name and phone anywhere, and a title of a person or user', () => {
    expect(
      splitChanges('User', { email: [null, 'a@example.org'], platformRole: [null, 'USER'], title: ['x', null] }),
    ).toEqual({
      changes: { email: [null, '[personal data]'], platformRole: [null, 'USER'], title: ['[personal data]', null] },
      redactable: null,
    });
    expect(splitChanges('Organization', { email: ['a@b.org', 'c@d.org'] }).changes.email).toEqual([
      '[personal data]',
      '[personal data]',
    ]);
  });

  it('moves free texts to redactable and records that they changed', () => {
    expect(splitChanges('Minutes', { text: [null, 'Amina reported'], status: ['DRAFT', 'DRAFT'] })).toEqual({
      changes: { text: [null, '[text]'], status: ['DRAFT', 'DRAFT'] },
      redactable: { text: [null, 'Amina reported'] },
    });
  });
});
