import { Inject, Injectable } from '@nestjs/common';
import {
  Args,
  ArgsType,
  Context,
  Field,
  FieldMiddleware,
  ID,
  InputType,
  MiddlewareContext,
  Mutation,
  NextFn,
  ObjectType,
  registerEnumType,
  Resolver,
} from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { BodyAction, PolicyService } from '../auth/policy.service';
import { SUPPORTED_LOCALES } from '../auth/user.entity';
import { badInput, forbidden, localized, notFound } from '../errors/domain-error';
import type { GraphQLRequestContext } from '../graphql/request-context';
import { groupByKeys } from '../graphql/request-context';
import { isLocale, Locale } from './i18n';
import { localeOf } from './request-language';
import { MutationService } from '../mutation/mutation.service';
import { Actor, actorOf } from '../mutation/actor';

/**
 * Multilingual content: per-locale texts of records' fields (table content_translations), written by whoever may
 * edit the record (the CHAIR, CO_CHAIR or SECRETARIAT of its body or an ancestor, or an admin), audited, and read
 * back by the fields themselves: a field marked with translated() answers in the request's language when a
 * translation exists, the original otherwise. Features declare their translatable types here (TranslatableTypes),
 * so that core needs none of their tables.
 */
export enum TranslatableType {
  COORDINATION_BODY = 'COORDINATION_BODY',
  TERMS_OF_REFERENCE = 'TERMS_OF_REFERENCE',
  MEETING = 'MEETING',
  AGENDA_ITEM = 'AGENDA_ITEM',
  DECISION = 'DECISION',
  ACTION_ITEM = 'ACTION_ITEM',
}
registerEnumType(TranslatableType, { name: 'TranslatableType' });

@ObjectType('ContentTranslation')
export class ContentTranslation {
  @Field(() => String)
  locale: string;

  @Field(() => String)
  field: string;

  @Field(() => String)
  text: string;
}

@InputType('ContentTranslationInput')
export class ContentTranslationInput {
  @Field(() => String)
  @IsString()
  @MaxLength(100)
  field: string;

  @Field(() => String, { description: 'The text in that locale; an empty text removes the translation of the field.' })
  @IsString()
  @MaxLength(20000)
  text: string;
}

@ArgsType()
export class SetTranslationsArgs {
  @Field(() => TranslatableType)
  @IsEnum(TranslatableType)
  type: TranslatableType;

  @Field(() => ID)
  @IsString()
  id: string;

  @Field(() => String)
  @IsString()
  @MaxLength(35)
  locale: string;

  @Field(() => [ContentTranslationInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContentTranslationInput)
  fields: ContentTranslationInput[];
}

/** How a translatable field's text maps to its value: `lines` for lists of texts (one per line). */
export type TranslatableFieldKind = 'text' | 'lines';

/** Where a record lives: the body whose editors may translate it, and the language it was written in. */
export interface TranslatableRecord {
  id: string;
  bodyId: string;
  originalLocale: string | null;
}

export interface TranslatableDefinition {
  type: TranslatableType;
  /** Name in messages and the audit log, e.g. "Coordination body" / CoordinationBody. */
  label: string;
  auditEntityType: string;
  fields: Record<string, TranslatableFieldKind>;
  /** The record, locked for update, or null when it does not exist. */
  locate(em: EntityManager, id: string): Promise<TranslatableRecord | null>;
}

/** Where features declare their translatable types (in a provider's onModuleInit). */
@Injectable()
export class TranslatableTypes {
  private readonly definitions = new Map<TranslatableType, TranslatableDefinition>();

  register(definition: TranslatableDefinition): void {
    if (this.definitions.has(definition.type)) throw new Error(`${definition.type} is already translatable`);
    this.definitions.set(definition.type, definition);
  }

  get(type: TranslatableType): TranslatableDefinition | undefined {
    return this.definitions.get(type);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class ContentTranslationsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MutationService) private readonly mutations: MutationService,
    @Inject(TranslatableTypes) private readonly types: TranslatableTypes,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  /** Sets the texts of one locale for the fields given (others keep theirs); returns the record's texts in it. */
  async set(actor: Actor<AuthUser>, args: SetTranslationsArgs) {
    const { user, memo } = actor;
    const definition = this.types.get(args.type);
    if (!definition) throw badInput(`${args.type} cannot be translated yet`, 'type');
    const locale = args.locale.trim().toLowerCase();
    if (!isLocale(locale)) {
      throw localized(
        badInput(`locale must be one of ${SUPPORTED_LOCALES.join(', ')}; "${args.locale}" is not supported`, 'locale'),
        'error.translation.unsupportedLocale',
        { locales: SUPPORTED_LOCALES.join(', '), locale: args.locale },
      );
    }
    const seen = new Set<string>();
    for (const [index, { field }] of args.fields.entries()) {
      const names = Object.keys(definition.fields);
      if (!names.includes(field)) {
        throw localized(
          badInput(
            `${definition.label} has no translatable field "${field}"; translatable fields: ${names.join(', ')}`,
            `fields.${index}.field`,
          ),
          'error.translation.unknownField',
          { type: definition.label, field, fields: names.join(', ') },
        );
      }
      if (seen.has(field)) {
        throw localized(
          badInput(`fields names "${field}" more than once`, `fields.${index}.field`),
          'error.translation.duplicateField',
          { field },
        );
      }
      seen.add(field);
    }
    return this.mutations.run(actor, async (em) => {
      const record = UUID.test(args.id) ? await definition.locate(em, args.id) : null;
      if (!record || !(await this.policy.can(user, BodyAction.READ, record.bodyId, memo))) {
        throw notFound(definition.label, args.id);
      }
      if (!(await this.policy.can(user, BodyAction.MANAGE, record.bodyId, memo))) {
        throw localized(
          forbidden(
            `Only those who may edit this ${definition.label.toLowerCase()} (the chair, co-chair or secretariat of its body, or a platform admin) can translate it`,
          ),
          'error.translation.editorsOnly',
          { type: definition.label.toLowerCase() },
        );
      }
      if (record.originalLocale === locale) {
        throw localized(
          badInput(
            `The record is written in ${locale}: edit the record itself rather than adding a translation in its own language`,
            'locale',
          ),
          'error.translation.originalLocale',
          { locale },
        );
      }
      const before: Array<{ field: string; text: string }> = await em.query(
        `SELECT field, text FROM content_translations WHERE entity_type = $1 AND entity_id = $2 AND locale = $3`,
        [args.type, record.id, locale],
      );
      const previous = new Map(before.map((row) => [row.field, row.text]));
      const normalised = args.fields.map(({ field, text }) => ({
        field,
        text: definition.fields[field] === 'lines' ? linesOf(text).join('\n') : text.trim(),
      }));
      const kept = normalised.filter((f) => f.text.length > 0);
      const removed = normalised.filter((f) => f.text.length === 0).map((f) => f.field);
      await em.query(
        `WITH gone AS (
           DELETE FROM content_translations
            WHERE entity_type = $1 AND entity_id = $2 AND locale = $3 AND field = ANY($4::text[])
         )
         INSERT INTO content_translations (entity_type, entity_id, locale, field, text, updated_by_user_id)
         SELECT $1, $2, $3, f.field, f.text, $7 FROM unnest($5::text[], $6::text[]) AS f(field, text)
         ON CONFLICT (entity_type, entity_id, locale, field)
         DO UPDATE SET text = EXCLUDED.text, updated_at = now(), updated_by_user_id = EXCLUDED.updated_by_user_id`,
        [args.type, record.id, locale, removed, kept.map((f) => f.field), kept.map((f) => f.text), user.id],
      );
      const changes: Record<string, [unknown, unknown]> = {};
      for (const { field, text } of normalised) {
        const was = previous.get(field) ?? null;
        const now = text || null;
        if (was !== now) changes[`${locale}.${field}`] = [was, now];
      }
      if (Object.keys(changes).length > 0) {
        await this.mutations.audit(em, actor, {
          action: 'translation.set',
          entityType: definition.auditEntityType,
          entityId: record.id,
          changes,
        });
      }
      const rows: ContentTranslation[] = await em.query(
        `SELECT locale, field, text FROM content_translations
          WHERE entity_type = $1 AND entity_id = $2 AND locale = $3 ORDER BY field`,
        [args.type, record.id, locale],
      );
      return rows;
    });
  }
}

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

@Resolver(() => ContentTranslation)
export class ContentTranslationsResolver {
  constructor(@Inject(ContentTranslationsService) private readonly service: ContentTranslationsService) {}

  @Mutation(() => [ContentTranslation], {
    description: 'Whoever may edit the record: sets the texts of one locale; fields not named keep theirs.',
  })
  setTranslations(
    @Args() args: SetTranslationsArgs,
    @CurrentUser() user: AuthUser,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<ContentTranslation[]> {
    return this.service.set(actorOf(user, ctx), args);
  }
}

/**
 * The translations of records of one type (every locale), through a per-request DataLoader: all the records a
 * request shows cost one query per type, whatever their number.
 */
export function translationsOf(
  ctx: Pick<GraphQLRequestContext, 'loaders'>,
  type: TranslatableType,
  id: string,
): Promise<ContentTranslation[]> {
  return ctx.loaders
    .get<string, ContentTranslation[]>(`translations.${type}`, async (ids) => {
      const manager = contentTranslationsReader.dataSource;
      if (!manager) throw new Error('content translations are read before the data source is ready');
      const rows: Array<ContentTranslation & { entity_id: string }> = await manager.query(
        `SELECT entity_id, locale, field, text FROM content_translations
          WHERE entity_type = $1 AND entity_id = ANY($2::uuid[]) ORDER BY entity_id, locale, field`,
        [type, ids],
      );
      return groupByKeys(ids, rows, (row) => row.entity_id).map((list) =>
        list.map(({ locale, field, text }) => ({ locale, field, text })),
      );
    })
    .load(id);
}

/**
 * The data source field middleware reads through (a middleware is a plain function, outside Nest's injection);
 * set once by ContentTranslationsService's module at start-up.
 */
export const contentTranslationsReader: { dataSource?: DataSource } = {};

@Injectable()
export class ContentTranslationsReaderSetup {
  constructor(@Inject(DataSource) dataSource: DataSource) {
    contentTranslationsReader.dataSource = dataSource;
  }
}

const requestLocales = new WeakMap<object, Locale>();

/**
 * Field middleware: the field answers in the request's language when the record has a translation of it there,
 * its own value otherwise (and at once when the reader's language is the record's original one). Records without
 * an originalLocale (agenda items, decisions) are looked up whatever the reader's language.
 */
export function translated(type: TranslatableType, kind: TranslatableFieldKind = 'text'): FieldMiddleware {
  return async (ctx: MiddlewareContext, next: NextFn) => {
    const context = ctx.context as GraphQLRequestContext | undefined;
    const source = ctx.source as { id?: string; originalLocale?: string } | undefined;
    if (!context?.loaders || !context.req || !source?.id) return next();
    let locale = requestLocales.get(context.req);
    if (!locale) {
      locale = localeOf(context);
      requestLocales.set(context.req, locale);
    }
    if (source.originalLocale === locale) return next();
    const field = ctx.info.fieldName;
    const found = (await translationsOf(context, type, source.id)).find(
      (row) => row.locale === locale && row.field === field,
    );
    if (!found) return next();
    return kind === 'lines' ? found.text.split('\n') : found.text;
  };
}
