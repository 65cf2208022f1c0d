import { ValidationError, ValidationPipe } from '@nestjs/common';
import { badInput } from './errors/domain-error';

function firstProblem(errors: ValidationError[], path: string[] = []): { field: string; message: string } | undefined {
  for (const error of errors) {
    const here = [...path, error.property];
    if (error.constraints) {
      const message = Object.values(error.constraints)[0];
      return { field: here.join('.'), message };
    }
    const nested = firstProblem(error.children ?? [], here);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * The global ValidationPipe: whitelists input, and reports the first broken rule as BAD_USER_INPUT
 * with the field's path (e.g. input.countryCode) in extensions.field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validateCustomDecorators: false,
    exceptionFactory: (errors) => {
      const problem = firstProblem(errors) ?? { field: 'input', message: 'input is invalid' };
      const leaf = problem.field.split('.').pop()!;
      // class-validator names the leaf property; say where it sits when it is nested.
      const message = problem.field.includes('.')
        ? problem.message.replace(new RegExp(`^${leaf}\\b`), problem.field)
        : problem.message;
      return badInput(message, problem.field);
    },
  });
}
