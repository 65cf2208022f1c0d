import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { badInput, DomainError, localized, msg } from './errors/domain-error';
import { CATALOGS } from './i18n/i18n';

interface Problem {
  field: string;
  message: string;
  /** The broken rule (class-validator's constraint name, e.g. isLength) and the value it was given. */
  constraint?: string;
  target?: object;
  property?: string;
}

function firstProblem(errors: ValidationError[], path: string[] = []): Problem | undefined {
  for (const error of errors) {
    const here = [...path, error.property];
    if (error.constraints) {
      const [constraint, message] = Object.entries(error.constraints)[0];
      return { field: here.join('.'), message, constraint, target: error.target, property: error.property };
    }
    const nested = firstProblem(error.children ?? [], here);
    if (nested) return nested;
  }
  return undefined;
}

/** The arguments of the rule `constraint` on `property` (e.g. [1, 300] for @Length(1, 300)), from class-validator. */
function ruleArguments(target: object | undefined, property: string | undefined, constraint: string): unknown[] {
  if (!target || !property) return [];
  const rules = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  return rules.find((r) => r.propertyName === property && r.name === constraint)?.constraints ?? [];
}

/**
 * The catalog message for a broken rule, by constraint (error.validation.<constraint>), naming the field and the
 * rule's limits, so that every input rule reads in the request's language without a message per decorator. The
 * English text stays the decorator's own message (it may say more, e.g. an example). Rules without a catalog
 * message fall back to error.validation.invalid.
 */
export function localizeValidation(error: DomainError, problem: Problem): DomainError {
  const { constraint = '', field } = problem;
  const args = ruleArguments(problem.target, problem.property, constraint);
  const list = (values: unknown) =>
    (Array.isArray(values) ? values : Object.values((values ?? {}) as object))
      .filter((v) => typeof v === 'string' || typeof v === 'number')
      .join(', ');
  const values: Record<string, string> = { field };
  let key = `error.validation.${constraint}`;
  switch (constraint) {
    case 'isLength':
      values.min = String(args[0] ?? 0);
      if (args[1] === undefined) key = 'error.validation.minLength';
      else values.max = String(args[1]);
      break;
    case 'minLength':
    case 'min':
    case 'arrayMinSize':
      values.min = String(args[0]);
      break;
    case 'maxLength':
    case 'max':
    case 'arrayMaxSize':
      values.max = String(args[0]);
      break;
    case 'isEnum':
      values.values = list(args[0]);
      break;
    case 'isIn':
      values.values = list(args[0]);
      break;
    case 'whitelistValidation':
      values.field = problem.field;
      break;
  }
  if (!(key in CATALOGS.en)) key = 'error.validation.invalid';
  return localized(error, key, values);
}

/**
 * The global ValidationPipe: whitelists input, and reports the first broken rule as BAD_USER_INPUT
 * with the field's path (e.g. input.countryCode) in extensions.field.
 */
export function createValidationPipe(): ValidationPipe {
  return new TextSafeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validateCustomDecorators: false,
    // The rule's limits are read from the target's metadata (localizeValidation); errors never leave with it.
    validationError: { target: true },
    exceptionFactory: (errors) => {
      const problem = firstProblem(errors) ?? { field: 'input', message: 'input is invalid' };
      const leaf = problem.field.split('.').pop()!;
      // class-validator names the leaf property; say where it sits when it is nested.
      const message = problem.field.includes('.')
        ? problem.message.replace(new RegExp(`^${leaf}\\b`), problem.field)
        : problem.message;
      return localizeValidation(badInput(message, problem.field), problem);
    },
  });
}

/**
 * The path of the first string in `value` that is not well-formed UTF-16 (a lone surrogate), or undefined. Such a
 * string makes validator.js's isEmail/isByteLength throw (encodeURI: URIError) instead of answering false, and it is
 * not text a person wrote: refused before any rule runs.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function illFormedTextPath(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : undefined;
  if (!value || typeof value !== 'object' || depth > 20) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = illFormedTextPath(child, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const INPUT_TYPES = ['args', 'body', 'query', 'param'] as const;

class TextSafeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    // Only what the client sent (GraphQL args, HTTP body, query, params): never the context, root or info objects.
    const fromClient = (INPUT_TYPES as readonly string[]).includes(metadata.type);
    const field = fromClient ? illFormedTextPath(value, metadata.data ?? '') : undefined;
    if (field !== undefined)
      throw badInput(msg('error.validation.illFormedText', { field: field || 'input' }), field || 'input');
    return super.transform(value, metadata);
  }
}
