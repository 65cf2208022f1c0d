import { CreateUserArgs } from '../auth/auth.inputs';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { createValidationPipe } from '../validation';

/** A lone surrogate made validator.js's isEmail throw a URIError (a 500, found by the fuzz run): refused first. */
describe('the validation pipe and text that is not well-formed', () => {
  const check = (email: string) =>
    createValidationPipe().transform(
      { email, password: 'a long enough password' },
      { type: 'body', metatype: CreateUserArgs },
    );

  it.each(['lone \udfff surrogate', 'high \ud800 alone', 'x\udc00\ud800@example.org'])(
    'refuses %j as BAD_USER_INPUT naming the field',
    async (email) => {
      const error: DomainError = await check(email).then(
        () => Promise.reject(new Error('accepted')),
        (e: DomainError) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
      expect(error.details.field).toBe('email');
      expect(error.message).toMatch(/^email contains a broken character/);
    },
  );

  it('still checks well-formed text, an emoji (a surrogate pair) included, by the rules', async () => {
    await expect(check('ok😀@x.org')).rejects.toMatchObject({
      message: 'email must be an email address such as name@example.org',
    });
    await expect(check('mwanachama@example.org')).resolves.toBeDefined();
  });

  it('walks only what the client sent, never the request context (a large cyclic graph)', async () => {
    const context: Record<string, unknown> = { text: 'lone \udfff' };
    context.self = context;
    await expect(createValidationPipe().transform(context, { type: 'custom' })).resolves.toBe(context);
  });
});
