import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n';
import { CommitmentList } from './CommitmentList';

const items = [
  { id: '1', title: 'Done thing', status: 'DONE', isOverdue: false, dueOn: '2026-01-10', progressPercent: 100 },
  {
    id: '2',
    title: 'Late thing',
    status: 'IN_PROGRESS',
    isOverdue: true,
    dueOn: '2026-02-01',
    progressPercent: 40,
    ownerOrganization: { name: 'County Government of Mombasa' },
  },
  { id: '3', title: 'Open thing', status: 'OPEN', isOverdue: false, dueOn: null, progressPercent: 0 },
];

function renderList(locale = 'en') {
  render(
    <I18nProvider initial={locale}>
      <MemoryRouter>
        <CommitmentList items={items} />
      </MemoryRouter>
    </I18nProvider>,
  );
}

describe('CommitmentList', () => {
  it('lists overdue first and says each status in words, with the progress as a number', () => {
    renderList();
    const rows = screen.getAllByRole('listitem');
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual([
      'Late thing',
      'Open thing',
      'Done thing',
    ]);
    expect(rows[0]).toHaveTextContent('Overdue');
    expect(rows[0]).toHaveTextContent('40%');
    expect(rows[0]).toHaveTextContent('Owner: County Government of Mombasa');
    expect(rows[0]).toHaveTextContent('Due Feb 1, 2026');
    expect(rows[2]).toHaveTextContent('Done');
    expect(within(rows[0]).getByRole('link')).toHaveAttribute('href', '/action-items/2');
    expect(within(rows[1]).getByRole('progressbar', { name: 'Progress of Open thing' })).toHaveAttribute('value', '0');
  });

  it('speaks French when chosen, dates included', () => {
    renderList('fr');
    const late = screen.getAllByRole('listitem')[0];
    expect(late).toHaveTextContent('En retard');
    expect(late).toHaveTextContent('Échéance : 1 févr. 2026');
    expect(late).toHaveTextContent('Responsable : County Government of Mombasa');
  });

  it('says so when there is none', () => {
    render(
      <I18nProvider initial="sw">
        <MemoryRouter>
          <CommitmentList items={[]} />
        </MemoryRouter>
      </I18nProvider>,
    );
    expect(screen.getByText('Bado hakuna ahadi.')).toBeInTheDocument();
  });
});
