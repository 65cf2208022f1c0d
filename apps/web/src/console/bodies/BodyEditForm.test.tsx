import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError, Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { fromValue } from 'wonka';
import { I18nProvider } from '../../i18n/i18n';
import { BodyEditForm, changedFields } from './BodyEditForm';

const body = {
  id: 'b1',
  name: 'CTiP TWG',
  acronym: 'CTIP',
  description: 'Old text',
  status: 'ACTIVE' as const,
  isPublic: false,
  timezone: 'Africa/Nairobi',
  establishedOn: null,
};

describe('changedFields', () => {
  it('sends only what changed; an emptied optional text clears it', () => {
    expect(changedFields(body, { ...body })).toEqual({});
    expect(changedFields(body, { ...body, name: ' CTiP TWG ', acronym: '', isPublic: true })).toEqual({
      acronym: null,
      isPublic: true,
    });
    expect(changedFields(body, { ...body, establishedOn: '2020-01-01' })).toEqual({ establishedOn: '2020-01-01' });
  });
});

describe('BodyEditForm', () => {
  it('shows the API’s message next to the field it names, and keeps the input', async () => {
    const executeMutation = vi.fn(() =>
      fromValue({
        error: new CombinedError({
          graphQLErrors: [
            {
              message: 'Unknown time zone Mars/Olympus',
              extensions: { code: 'BAD_USER_INPUT', field: 'input.timezone' },
            },
          ] as never,
        }),
        operation: {} as never,
      }),
    );
    render(
      <I18nProvider initial="en">
        <Provider value={{ executeMutation, executeQuery: vi.fn() } as never}>
          <BodyEditForm body={body} onDone={vi.fn()} />
        </Provider>
      </I18nProvider>,
    );
    const tz = screen.getByRole('textbox', { name: 'Time zone' });
    await userEvent.clear(tz);
    await userEvent.paste('Mars/Olympus');
    await userEvent.click(screen.getByRole('button', { name: 'Save the changes' }));
    expect(executeMutation).toHaveBeenCalledTimes(1);
    expect((executeMutation.mock.calls[0] as never as [{ variables: unknown }])[0].variables).toEqual({
      id: 'b1',
      input: { timezone: 'Mars/Olympus' },
    });
    expect(await screen.findByRole('textbox', { name: 'Time zone' })).toHaveAccessibleDescription(
      /Unknown time zone Mars\/Olympus/,
    );
    expect(screen.getByRole('textbox', { name: 'Time zone' })).toHaveValue('Mars/Olympus');
  }, 30_000);
});
