import { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counts the SQL statements TypeORM sends. Tests read `count` around a request to prove that a
 * list costs a constant number of queries (no N+1). Transaction control statements are not counted.
 */
export class QueryCounter implements TypeOrmLogger {
  count = 0;
  readonly statements: string[] = [];
  logQuery(query: string): void {
    if (/^(START TRANSACTION|COMMIT|ROLLBACK|BEGIN|SAVEPOINT|RELEASE SAVEPOINT)/i.test(query)) return;
    this.count++;
    if (this.statements.length < 500) this.statements.push(query);
  }
  reset(): void {
    this.count = 0;
    this.statements.length = 0;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
