import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError, Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { fromValue } from 'wonka';
import { I18nProvider } from '../i18n/i18n';
import { ProgressForm, progressInput } from './ProgressForm';

const item = { id: 'item-1', title: 'County desk', status: 'OPEN', progressPercent: 30 };

function renderForm(answer: (variables: any) => { data?: unknown; error?: CombinedError }) {
  const executeMutation = vi.fn(({ variables }: any) => fromValue({ ...answer(variables), operation: {} as any }));
  const client = { executeMutation } as any;
  render(
    <I18nProvider initial="en">
      <Provider value={client}>
        <ProgressForm item={item} />
      </Provider>
    </I18nProvider>,
  );
  return executeMutation;
}

describe('progressInput', () => {
  it('sends the note and only what changed', () => {
    expect(progressInput(' done a lot ', '30', 'OPEN', item)).toEqual({ note: 'done a lot' });
    expect(progressInput('x', '60', 'IN_PROGRESS', item)).toEqual({
      note: 'x',
      progressPercent: 60,
      status: 'IN_PROGRESS',
    });
  });
});

describe('ProgressForm', () => {
  it('asks for a note and a percentage in range before sending anything', async () => {
    const user = userEvent.setup();
    const send = renderForm(() => ({ data: {} }));
    const percent = screen.getByRole('spinbutton', { name: 'Progress (%)' });
    await user.clear(percent);
    await user.type(percent, '140');
    await user.click(screen.getByRole('button', { name: 'Send the report' }));
    expect(send).not.toHaveBeenCalled();
    expect(screen.getByText('Say what was done: the note is required.')).toBeInTheDocument();
    expect(screen.getByText('Enter a whole number from 0 to 100.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'What was done' })).toHaveAttribute('aria-invalid', 'true');
  });

  it("shows the API's message next to the field it names and keeps what was typed", async () => {
    const user = userEvent.setup();
    const send = renderForm(
      () =>
        ({
          error: new CombinedError({
            graphQLErrors: [
              {
                message: 'A DONE item is at 100 percent: set progressPercent to 100 or leave it out',
                extensions: { code: 'BAD_USER_INPUT', field: 'input.progressPercent' },
              } as any,
            ],
          }),
        }) as any,
    );
    await user.type(screen.getByRole('textbox', { name: 'What was done' }), 'Desk staffed three days a week');
    await user.clear(screen.getByRole('spinbutton', { name: 'Progress (%)' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Progress (%)' }), '50');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'DONE');
    await user.click(screen.getByRole('button', { name: 'Send the report' }));
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0][0].variables).toEqual({
      id: 'item-1',
      input: { note: 'Desk staffed three days a week', progressPercent: 50, status: 'DONE' },
    });
    const percent = screen.getByRole('spinbutton', { name: 'Progress (%)' });
    expect(percent).toHaveAttribute('aria-invalid', 'true');
    expect(percent).toHaveAccessibleDescription(/set progressPercent to 100/);
    expect(screen.getByRole('textbox', { name: 'What was done' })).toHaveValue('Desk staffed three days a week');
  });

  it('clears the note and says so when the report is recorded', async () => {
    const user = userEvent.setup();
    renderForm(() => ({ data: { reportProgress: { id: 'item-1', updates: [] } } }));
    await user.type(screen.getByRole('textbox', { name: 'What was done' }), 'Met the county officer');
    await user.click(screen.getByRole('button', { name: 'Send the report' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Your report is recorded.');
    expect(screen.getByRole('textbox', { name: 'What was done' })).toHaveValue('');
  });
});
