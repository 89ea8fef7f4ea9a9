import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../db.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';

/**
 * PGlite is one database session. Without a gate held from acquire to release, a statement from
 * another request runs inside an open transaction and disappears with its rollback (seen with
 * kysely-pglite 0.6.1). This must hold on both databases.
 */
let db: Kysely<DB>;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await testDatabase());
  await sql`create table probe (name text primary key)`.execute(db);
});
afterAll(async () => {
  await close?.();
});

const names = async () => (await db.selectFrom('probe' as never).select(sql<string>`name`.as('name')).execute()).map((r) => r.name).sort();

describe('transaction isolation between concurrent requests', () => {
  it("keeps another request's acknowledged insert when a transaction rolls back", async () => {
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const tx = db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into probe (name) values ('in-rolled-back-tx')`.execute(trx);
        entered();
        // Give the other request every chance to run while this transaction is open.
        await new Promise((r) => setTimeout(r, 100));
        throw new Error('roll back');
      })
      .catch((e: Error) => e.message);
    await inside;
    // A second "request", acknowledged before the first transaction ends.
    await sql`insert into probe (name) values ('acknowledged')`.execute(db);
    expect(await tx).toBe('roll back');
    expect(await names()).toEqual(['acknowledged']);
  });

  it('runs many concurrent transactions without mixing their statements', async () => {
    await sql`delete from probe`.execute(db);
    const work = Array.from({ length: 20 }, (_, i) =>
      db
        .transaction()
        .execute(async (trx) => {
          await sql`insert into probe (name) values (${`a${i}`})`.execute(trx);
          await new Promise((r) => setTimeout(r, 2));
          await sql`insert into probe (name) values (${`b${i}`})`.execute(trx);
          if (i % 2 === 1) throw new Error('odd rolls back');
        })
        .catch(() => undefined),
    );
    await Promise.all(work);
    const expected = Array.from({ length: 10 }, (_, k) => [`a${k * 2}`, `b${k * 2}`]).flat().sort();
    expect(await names()).toEqual(expected);
  });
});
