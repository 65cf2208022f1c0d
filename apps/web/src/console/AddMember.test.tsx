import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError, Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { fromValue } from 'wonka';
import { I18nProvider } from '../i18n/i18n';
import { AddMember } from './AddMember';

type Answer = { data?: unknown; error?: CombinedError };

function renderForm(answers: Record<string, Array<(variables: any) => Answer>>) {
  const calls: Array<{ name: string; variables: any }> = [];
  const executeMutation = vi.fn((request: any) => {
    const name = request.query.definitions[0].name.value as string;
    calls.push({ name, variables: request.variables });
    const answer = answers[name].shift()!;
    return fromValue({ ...answer(request.variables), operation: {} as any });
  });
  const client = { executeMutation, executeQuery: vi.fn() } as any;
  const onAdded = vi.fn();
  render(
    <I18nProvider initial="en">
      <Provider value={client}>
        <AddMember bodyId="body-1" onAdded={onAdded} />
      </Provider>
    </I18nProvider>,
  );
  return { calls, onAdded };
}

const fieldError = (message: string, field: string) =>
  new CombinedError({ graphQLErrors: [{ message, extensions: { code: 'BAD_USER_INPUT', field } }] as any });

describe('AddMember', () => {
  it('checks the form before asking the API, each message next to its field', async () => {
    const { calls } = renderForm({});
    await userEvent.click(screen.getByRole('radio', { name: 'Register a new person' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add member' }));
    expect(screen.getByRole('textbox', { name: 'Full name' })).toHaveAccessibleDescription(
      /Give the person’s full name/,
    );
    expect(screen.getByRole('combobox', { name: 'Organization found' })).toHaveAccessibleDescription(
      /Choose the organization from the search/,
    );
    expect(calls).toEqual([]);
  });

  it('registers the organization and the person in the same form; after an API error on a field, the retry reuses what was created', async () => {
    const { calls, onAdded } = renderForm({
      ConsoleCreateOrganization: [
        () => ({ data: { createOrganization: { id: 'org-1', name: 'Haki', sector: 'CIVIL_SOCIETY' } } }),
      ],
      ConsoleCreatePerson: [
        () => ({ error: fieldError('This email is already used by another person', 'input.email') }),
        () => ({ data: { createPerson: { id: 'person-1', fullName: 'Amina' } } }),
      ],
      ConsoleAddMember: [
        () => ({
          data: { addMember: { id: 'm-1', role: 'MEMBER', body: { id: 'body-1', composition: { activeMembers: 5 } } } },
        }),
      ],
    });
    await userEvent.click(screen.getByRole('radio', { name: 'Register a new person' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Full name' }), 'Amina Wanjiru');
    await userEvent.type(screen.getByRole('textbox', { name: 'Email' }), 'amina@example.org');
    await userEvent.click(screen.getByRole('radio', { name: 'Register a new organization' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Organization name' }), 'Haki Centre');
    await userEvent.click(screen.getByRole('button', { name: 'Add member' }));

    const email = screen.getByRole('textbox', { name: 'Email' });
    expect(email).toHaveAccessibleDescription(/This email is already used by another person/);
    expect(email).toHaveValue('amina@example.org');
    expect(screen.getByRole('textbox', { name: 'Full name' })).toHaveValue('Amina Wanjiru');

    await userEvent.clear(email);
    await userEvent.type(email, 'amina.w@example.org');
    await userEvent.click(screen.getByRole('button', { name: 'Add member' }));
    await screen.findByText('The member is added; the composition check is updated.');
    expect(calls.map((c) => c.name)).toEqual([
      'ConsoleCreateOrganization',
      'ConsoleCreatePerson',
      'ConsoleCreatePerson',
      'ConsoleAddMember',
    ]);
    expect(calls[0].variables.input).toMatchObject({ name: 'Haki Centre', sector: 'CIVIL_SOCIETY' });
    expect(calls[2].variables.input).toEqual({
      fullName: 'Amina Wanjiru',
      email: 'amina.w@example.org',
      organizationId: 'org-1',
    });
    expect(calls[3].variables.input).toMatchObject({
      bodyId: 'body-1',
      personId: 'person-1',
      organizationId: 'org-1',
      role: 'MEMBER',
      votingRights: true,
    });
    expect(onAdded).toHaveBeenCalledOnce();
  });
});
