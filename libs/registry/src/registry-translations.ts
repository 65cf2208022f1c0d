import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  ContentTranslation,
  GraphQLRequestContext,
  TranslatableType,
  TranslatableTypes,
  translationsOf,
} from '@coord/core';
import { EntityManager } from 'typeorm';
import { CoordinationBody } from './coordination-body.entity';
import { TermsOfReference } from './terms-of-reference.entity';

/** Bodies and terms of reference are translatable; their body's managers translate them (core's rule). */
@Injectable()
export class RegistryTranslations implements OnModuleInit {
  constructor(@Inject(TranslatableTypes) private readonly types: TranslatableTypes) {}

  onModuleInit(): void {
    this.types.register({
      type: TranslatableType.COORDINATION_BODY,
      label: 'Coordination body',
      auditEntityType: 'CoordinationBody',
      fields: { name: 'text', description: 'text' },
      locate: (em, id) =>
        locate(em, `SELECT id, id AS body_id, original_locale FROM coordination_bodies WHERE id = $1 FOR UPDATE`, id),
    });
    this.types.register({
      type: TranslatableType.TERMS_OF_REFERENCE,
      label: 'Terms of reference',
      auditEntityType: 'TermsOfReference',
      fields: { mandate: 'text', objectives: 'lines', functions: 'lines' },
      locate: (em, id) =>
        locate(em, `SELECT id, body_id, original_locale FROM terms_of_reference WHERE id = $1 FOR UPDATE`, id),
    });
  }
}

/** The record's id, body and original language, from a query answering id, body_id and original_locale. */
export async function locate(em: EntityManager, sql: string, id: string) {
  const [row]: Array<{ id: string; body_id: string; original_locale: string | null }> = await em.query(sql, [id]);
  return row ? { id: row.id, bodyId: row.body_id, originalLocale: row.original_locale } : null;
}

@Resolver(() => CoordinationBody)
export class BodyTranslationsResolver {
  @ResolveField(() => [ContentTranslation], { description: 'The texts of this body in other languages.' })
  translations(@Parent() body: CoordinationBody, @Context() ctx: GraphQLRequestContext) {
    return translationsOf(ctx, TranslatableType.COORDINATION_BODY, body.id);
  }
}

@Resolver(() => TermsOfReference)
export class TermsOfReferenceTranslationsResolver {
  @ResolveField(() => [ContentTranslation], { description: 'The texts of these terms in other languages.' })
  translations(@Parent() tor: TermsOfReference, @Context() ctx: GraphQLRequestContext) {
    return translationsOf(ctx, TranslatableType.TERMS_OF_REFERENCE, tor.id);
  }
}
