import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError, Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { fromValue } from 'wonka';
import { I18nProvider } from '../i18n/i18n';
import { Assessment, Evidence } from './ItemEvidence';
import type { ConsoleItem } from './itemDocs';

const item: ConsoleItem = {
  id: 'item-1',
  title: 'Publish the referral directory',
  description: null,
  isCommitment: true,
  viewerCanEdit: true,
  viewerCanReportProgress: true,
  followedByMe: false,
  originalLocale: 'en',
  completionLevel: null,
  body: { id: 'b1', timezone: 'Africa/Nairobi' },
  ownerOrganization: null,
  coOwnerOrganizations: [],
  assessments: [],
  updates: [
    {
      id: 'u1',
      createdAt: '2026-11-01T07:00:00Z',
      note: 'Draft shared',
      evidenceUrls: ['https://www.example.go.ke/draft.pdf'],
      author: { id: 'p1', fullName: 'Amina Wanjiru' },
    },
  ],
  translations: [],
};

function renderWith(ui: React.ReactElement, answers: Array<() => { data?: unknown; error?: CombinedError }>) {
  const calls: any[] = [];
  const executeMutation = vi.fn((request: any) => {
    calls.push(request.variables);
    return fromValue({ ...answers.shift()!(), operation: {} as any });
  });
  render(
    <I18nProvider initial="en">
      <Provider value={{ executeMutation, executeQuery: vi.fn() } as any}>{ui}</Provider>
    </I18nProvider>,
  );
  return calls;
}

const fieldError = (message: string, field: string) =>
  new CombinedError({ graphQLErrors: [{ message, extensions: { code: 'BAD_USER_INPUT', field } }] as any });

describe('Evidence', () => {
  it('lists the trail’s links, checks a new one before asking the API and keeps the input on the API’s refusal', async () => {
    const calls = renderWith(<Evidence item={item} />, [
      () => ({
        error: fieldError('input.evidenceUrls[0] must be an http:// or https:// link', 'input.evidenceUrls[0]'),
      }),
      () => ({ data: { reportProgress: { id: 'item-1', updates: [] } } }),
    ]);
    expect(screen.getByRole('link', { name: 'https://www.example.go.ke/draft.pdf' })).toBeInTheDocument();
    const url = screen.getByRole('textbox', { name: 'Link to the evidence' });
    await userEvent.type(url, 'javascript:alert(1)');
    await userEvent.click(screen.getByRole('button', { name: 'Add evidence' }));
    expect(url).toHaveAccessibleDescription(/must start with http:\/\/ or https:\/\//);
    expect(screen.getByRole('textbox', { name: 'What the evidence shows' })).toHaveAccessibleDescription(
      /Say in a few words/,
    );
    expect(calls).toHaveLength(0);

    await userEvent.clear(url);
    await userEvent.type(url, 'https://example.org/gazette');
    await userEvent.type(screen.getByRole('textbox', { name: 'What the evidence shows' }), 'Gazetted');
    await userEvent.click(screen.getByRole('button', { name: 'Add evidence' }));
    expect(calls[0]).toEqual({
      id: 'item-1',
      input: { note: 'Gazetted', evidenceUrls: ['https://example.org/gazette'] },
    });
    // The API's message sits next to the field it names; what was typed stays.
    expect(url).toHaveAccessibleDescription(/must be an http:\/\/ or https:\/\/ link/);
    expect(url).toHaveValue('https://example.org/gazette');

    await userEvent.click(screen.getByRole('button', { name: 'Add evidence' }));
    expect(await screen.findByRole('status')).toHaveTextContent('The evidence is in the trail.');
    expect(url).toHaveValue('');
  }, 30_000);

  it('shows no form to whoever may not report progress', () => {
    renderWith(<Evidence item={{ ...item, viewerCanReportProgress: false }} />, []);
    expect(screen.queryByRole('form')).toBeNull();
  });
});

describe('Assessment', () => {
  it('sends the level and note; the API’s refusal (the owner may not assess) is shown', async () => {
    const calls = renderWith(<Assessment item={item} />, [
      () => ({
        error: new CombinedError({
          graphQLErrors: [
            { message: 'The owner of a commitment cannot assess it', extensions: { code: 'FORBIDDEN' } },
          ] as any,
        }),
      }),
    ]);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Completion' }), 'LIMITED');
    await userEvent.type(screen.getByRole('textbox', { name: 'What the assessment rests on' }), 'Seen the draft');
    await userEvent.click(screen.getByRole('button', { name: 'Record the assessment' }));
    expect(calls[0]).toEqual({ id: 'item-1', level: 'LIMITED', note: 'Seen the draft' });
    expect(screen.getByRole('alert')).toHaveTextContent('The owner of a commitment cannot assess it');
    expect(screen.getByRole('textbox', { name: 'What the assessment rests on' })).toHaveValue('Seen the draft');
  });

  it('is not shown for an internal task, and has no form for a reader', () => {
    const { container } = render(
      <I18nProvider initial="en">
        <Provider value={{ executeMutation: vi.fn(), executeQuery: vi.fn() } as any}>
          <Assessment item={{ ...item, isCommitment: false }} />
          <Assessment item={{ ...item, viewerCanEdit: false }} />
        </Provider>
      </I18nProvider>,
    );
    expect(screen.getAllByRole('heading', { name: 'Assessment' })).toHaveLength(1);
    expect(container.querySelector('form')).toBeNull();
  });
});
