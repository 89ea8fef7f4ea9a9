/**
 * Named prepared statements on PostgreSQL (src/db/database.ts, `withNamedStatements`): a query
 * with parameters is parsed and planned once per pooled connection and then executed by name;
 * long parameter lists (one text per list length) stay unnamed, so a connection's prepared
 * statements stay bounded. Skipped on PGlite (the default `npm test` run): PGlite runs in the
 * process through its own dialect, with no connection to prepare statements on; CI runs this file
 * on PostgreSQL (TEST_DATABASE_URL).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../db.ts';

describe.skipIf(!process.env.TEST_DATABASE_URL)('named prepared statements (PostgreSQL)', () => {
  it('prepares a query with parameters once per connection, reuses it, and leaves long IN lists unnamed', async () => {
    const { db, close } = await testDatabase();
    try {
      // One transaction: one connection, whose prepared statements pg_prepared_statements lists.
      await db.transaction().execute(async (trx) => {
        for (let i = 1; i <= 3; i++) await trx.selectFrom('office').select('id').where('id', '=', i).execute();
        const ids = Array.from({ length: 65 }, (_, i) => i + 1);
        await trx.selectFrom('office').select('name').where('id', 'in', ids).execute();
        const prepared = (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx)).rows;
        const byId = prepared.filter((r) => /from "office" where "id" = \$1/.test(r.statement));
        expect(byId).toHaveLength(1);
        expect(byId[0]!.name).toMatch(/^itda_[0-9a-f]{24}$/);
        expect(prepared.filter((r) => r.statement.includes('select "name" from "office"'))).toEqual([]);
      });
      // The same query on the pool answers as before (the name is per connection, the result the same).
      const again = await db.selectFrom('office').select('id').where('id', '=', 1).execute();
      expect(again).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a table changed under a prepared statement (another instance migrating): prepared afresh, and the query answers', async () => {
    const { db, close } = await testDatabase();
    try {
      // One connection, no transaction: `select *` is prepared, then the table gains a column.
      await db.connection().execute(async (conn) => {
        await sql`create table named_probe (id int primary key, a text)`.execute(conn);
        await sql`insert into named_probe values (1, 'x')`.execute(conn);
        const read = async () => (await sql<Record<string, unknown>>`select * from named_probe where id = ${1}`.execute(conn)).rows[0];
        expect(await read()).toEqual({ id: 1, a: 'x' });
        await sql`alter table named_probe add column b int default 7`.execute(conn);
        // PostgreSQL refuses the old plan ("cached plan must not change result type"); the statement runs again under a new name.
        expect(await read()).toEqual({ id: 1, a: 'x', b: 7 });
        const names = (await sql<{ name: string }>`select name from pg_prepared_statements where statement like '%from named_probe%'`.execute(conn)).rows.map((r) => r.name);
        expect(names.some((n) => /^itda_[0-9a-f]{24}_1$/.test(n))).toBe(true);
      });
    } finally {
      await close();
    }
  });
});
