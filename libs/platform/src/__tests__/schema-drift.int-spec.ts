import { TestApp } from '@coord/testing';

/**
 * The schema comes only from migrations/, and entities must match it: every mapped column exists with a
 * compatible type and nullability. (TypeORM's migration:generate cannot be used as the check: the migrations
 * hold CHECKs, partial indexes, triggers and exclusion constraints that entities do not describe.)
 */
describe('entities match the migrated schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.create();
  });
  afterAll(() => t.close());

  it('maps only columns that exist, with matching nullability and type family', async () => {
    const rows: Array<{
      table_name: string;
      column_name: string;
      is_nullable: string;
      data_type: string;
      udt_name: string;
    }> = await t.dataSource.query(
      `SELECT table_name, column_name, is_nullable, data_type, udt_name FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const columns = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
    const problems: string[] = [];
    const family = (type: string) =>
      (
        ({
          uuid: 'uuid',
          text: 'text',
          boolean: 'bool',
          int: 'int',
          integer: 'int',
          numeric: 'numeric',
          date: 'date',
          timestamptz: 'timestamptz',
          'timestamp with time zone': 'timestamptz',
          jsonb: 'jsonb',
        }) as Record<string, string>
      )[type] ?? type;
    const dbFamily = (r: { data_type: string; udt_name: string }) =>
      r.data_type === 'ARRAY'
        ? `${family(r.udt_name.replace(/^_/, ''))}[]`
        : family(r.udt_name.replace(/^int4$/, 'int').replace(/^bool$/, 'boolean'));
    for (const entity of t.dataSource.entityMetadatas) {
      for (const column of entity.columns) {
        const key = `${entity.tableName}.${column.databaseName}`;
        const db = columns.get(key);
        if (!db) {
          problems.push(`${key} is mapped by ${entity.name} but no migration creates it`);
          continue;
        }
        if (column.isNullable !== (db.is_nullable === 'YES') && !column.isPrimary) {
          problems.push(`${key}: entity nullable=${column.isNullable}, database nullable=${db.is_nullable}`);
        }
        const mapped = `${family(String(column.type))}${column.isArray ? '[]' : ''}`;
        if (typeof column.type === 'string' && mapped !== dbFamily(db)) {
          problems.push(`${key}: entity type ${mapped}, database type ${dbFamily(db)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
