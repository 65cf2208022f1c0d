import { passwordProblem } from '../accounts/password-policy';

describe('password policy', () => {
  it('refuses passwords shorter than 12 characters, saying so', () => {
    expect(passwordProblem('short-pass1', 'a@example.org')).toMatch(/at least 12 characters/);
  });

  it('refuses a common password with digits added (password123456)', () => {
    expect(passwordProblem('password123456', 'a@example.org')).toMatch(/most common passwords/);
    expect(passwordProblem('Password2024!', 'a@example.org')).toMatch(/most common passwords/);
  });

  it('refuses a repeated character and twelve spaces', () => {
    expect(passwordProblem('aaaaaaaaaaaa', 'a@example.org')).toMatch(/too few different characters/);
    expect(passwordProblem(' '.repeat(12), 'a@example.org')).toMatch(/too few different characters/);
  });

  it("refuses the user's own email address", () => {
    expect(passwordProblem('Focal.Point@Example.org', 'focal.point@example.org', 'newPassword')).toBe(
      'newPassword must not be your email address: choose something else',
    );
  });

  it('accepts the demo passwords and a passphrase', () => {
    for (const password of [
      'admin-password-2026',
      'demo-secretariat-2026',
      'demo-county-2026',
      'demo-civil-2026',
      'correct horse battery staple',
      'zebra84729104857',
    ]) {
      expect(passwordProblem(password, 'someone@example.org')).toBeNull();
    }
  });
});
