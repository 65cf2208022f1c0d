import type { ApolloServerPlugin } from '@apollo/server';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { requestOf } from '../auth/decorators';
import { GraphQLError } from 'graphql';
import type { GraphQLRequestContext } from '../graphql/request-context';
import { toDomainError } from '../errors/format-error';
import { CATALOGS, Locale, MessageKey, MessageValue, requestLocale, t } from './i18n';

/**
 * The language of a GraphQL request: its Accept-Language (RFC 4647 lookup among the supported locales), else the
 * signed-in user's locale, else English. Read from the request, so no query: the user's locale comes with the
 * user the JWT strategy loads anyway.
 */
export function localeOf(ctx: Pick<GraphQLRequestContext, 'req'> | undefined): Locale {
  const req = ctx?.req;
  return requestLocale(req?.headers?.['accept-language'], req?.user?.locale);
}

/** The language of the request (as localeOf), for REST controllers: CSV headers, calendar texts. */
export const RequestLanguage = createParamDecorator((_data: unknown, context: ExecutionContext): Locale => {
  const req = requestOf(context);
  return requestLocale(req?.headers?.['accept-language'], req?.user?.locale);
});

/**
 * Puts the messages of domain errors that carry a catalog key into the request's language before the formatter
 * (errors/format-error.ts) shapes them, which it does unchanged: extensions.code never depends on the language.
 */
export const errorLanguagePlugin: ApolloServerPlugin<GraphQLRequestContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        const locale = localeOf(contextValue);
        if (locale === 'en') return;
        for (const error of errors) {
          // Database and HTTP errors become DomainErrors here already (the formatter gets the same one back).
          const original = toDomainError(error instanceof GraphQLError ? error.originalError : error);
          if (!original?.messageKey) continue;
          if (!(original.messageKey in CATALOGS.en)) continue;
          original.message = t(
            locale,
            original.messageKey as MessageKey,
            original.messageValues as Record<string, MessageValue>,
          );
        }
      },
    };
  },
};
