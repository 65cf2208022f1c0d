/**
 * SQL statements per request, without any hook in the product: the platform is booted in this process exactly
 * as the API boots it (PlatformModule) but with the QueryCounter the tests use, and each scenario is sent once
 * to warm up, then once counted. Transaction control (BEGIN/COMMIT) is not counted, as in the tests.
 */
import { NestFactory } from '@nestjs/core';
import { loadConfig, QueryCounter } from '@coord/core';
import { configureHttp, PlatformModule } from '@coord/platform';
import { benchEnv, gql } from './processes';
import { BenchContext, Scenario } from './scenarios';

export async function countQueries(
  scenarios: Scenario[],
  ctx: BenchContext,
  env: { databaseUrl: string; port: number; jwtSecret: string },
): Promise<Record<string, number>> {
  const config = loadConfig(
    benchEnv({
      databaseUrl: env.databaseUrl,
      port: env.port,
      extra: { JWT_SECRET: env.jwtSecret, LOG_LEVEL: 'error' },
    }),
  );
  const counter = new QueryCounter();
  const app = await NestFactory.create(PlatformModule.forRoot({ config, queryCounter: counter }), {
    bodyParser: false,
    logger: false,
  });
  configureHttp(app, config);
  await app.listen(env.port, '127.0.0.1');
  const url = `http://127.0.0.1:${env.port}`;
  const counts: Record<string, number> = {};
  try {
    for (const scenario of scenarios) {
      const token = ctx.tokens[scenario.token];
      // The i-th request numbers are far from the load's, so the mutations never collide with its rows.
      await gql(url, scenario.query, scenario.variables(ctx, 50_000), token);
      counter.reset();
      const res = await gql(url, scenario.query, scenario.variables(ctx, 50_001), token);
      counts[scenario.name] = res.errors ? -1 : counter.count;
    }
  } finally {
    await app.close();
  }
  return counts;
}
