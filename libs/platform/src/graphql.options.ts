import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPlugin } from '@apollo/server';
import { AppConfig, createFormatError, createRequestContext, errorLanguagePlugin, Metrics } from '@coord/core';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, ValidationContext } from 'graphql';
import { maxExpensiveFieldsRule } from './expensive-fields.rule';

/**
 * Apollo options: code-first schema kept in memory (`npm run schema:generate` writes apps/api/schema.gql),
 * per-request DataLoaders in the context, depth/alias/cost limits, one error formatter, no CDN landing page
 * (the offline GraphiQL in graphiql/ takes its place), CSRF prevention on.
 */
export function graphqlOptions(config: AppConfig, metrics?: Metrics): Omit<ApolloDriverConfig, 'driver'> {
  // Reported as validation errors (GRAPHQL_VALIDATION_FAILED), with a message that says which limit was hit.
  const limitError = (message: string) => ({
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null) => context?.reportError(new GraphQLError(message))],
  });
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    graphiql: false,
    playground: false,
    // GRAPHQL_INTROSPECTION: on outside production by default (the IDE uses it), off in production.
    introspection: config.introspection,
    csrfPrevention: true,
    // No HTTP cache hints (responses are per user): without this default plugin Apollo does not wrap every field
    // resolver to compute them, which cost ~10 % of the API's CPU on the body page (bench/README.md).
    // errorLanguagePlugin: domain errors' messages in the request's language (Accept-Language, else users.locale).
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      errorLanguagePlugin,
      ...(metrics ? [metricsPlugin(metrics)] : []),
    ],
    includeStacktraceInErrorResponses: false,
    context: createRequestContext,
    formatError: createFormatError({
      exposeInternals: config.NODE_ENV === 'development',
      suggestions: config.introspection,
    }),
    validationRules: [
      maxExpensiveFieldsRule(['commitmentProgress', 'participation'], 3),
      maxDepthRule({
        n: config.GRAPHQL_MAX_DEPTH,
        ...limitError(`Query is nested too deeply: the limit is ${config.GRAPHQL_MAX_DEPTH} levels`),
      }),
      maxAliasesRule({
        n: config.GRAPHQL_MAX_ALIASES,
        ...limitError(`Query uses too many aliases: the limit is ${config.GRAPHQL_MAX_ALIASES}`),
      }),
      costLimitRule({
        maxCost: config.GRAPHQL_MAX_COST,
        ...limitError(`Query is too expensive: the limit is ${config.GRAPHQL_MAX_COST}`),
      }),
    ],
    buildSchemaOptions: { dateScalarMode: 'isoDate', numberScalarMode: 'float' },
  };
}

/**
 * Latency per operation name and type, and errors per extensions.code (as formatted for the client). Only request
 * hooks, no field hooks: per-field hooks would wrap every resolver (see the cache-control note above).
 */
function metricsPlugin(metrics: Metrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const start = process.hrtime.bigint();
      return {
        async willSendResponse(ctx) {
          const seconds = Number(process.hrtime.bigint() - start) / 1e9;
          metrics.graphqlDuration.observe(
            { operation: metrics.operationLabel(ctx.operationName), type: ctx.operation?.operation ?? 'invalid' },
            seconds,
          );
          const body = ctx.response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
          for (const error of errors ?? []) {
            metrics.graphqlErrors.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          }
        },
      };
    },
  };
}
