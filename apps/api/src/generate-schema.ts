import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { loadConfig } from '@coord/core';
import { PlatformModule } from '@coord/platform';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSortedSchema } from './schema-file';

/** Writes the generated GraphQL schema to apps/api/schema.gql (committed; a test checks it is current). */
async function main() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const app = await NestFactory.create(PlatformModule.forRoot({ config }), { logger: false, abortOnError: false });
  await app.init();
  const { schema } = app.get(GraphQLSchemaHost);
  const file = join(__dirname, '..', 'schema.gql');
  writeFileSync(file, printSortedSchema(schema));
  await app.close();
  console.log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
