import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../harness.ts';

/**
 * Liveness does not wait on the database (issue 14 §6): on PGlite every query goes through one gate,
 * so a slow page used to hold /healthz behind it (6 ms → 1,333 ms measured). Ordering, not timing:
 * /healthz answers while a slow transaction still holds the database; /readyz answers after it.
 */
let h: Awaited<ReturnType<typeof createHarness>>;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('/healthz and /readyz', () => {
  it('liveness answers while a slow query holds the database; readiness answers after the database does', async () => {
    const order: string[] = [];
    // A transaction that holds the database while the page works between its queries (on PGlite
    // the gate is held for the whole transaction). Not pg_sleep: PGlite runs in this thread, and a
    // query that sleeps would stop the whole process, not only the database.
    const slow = h.db
      .transaction()
      .execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await new Promise((r) => setTimeout(r, 1_500));
        await sql`select 1`.execute(trx);
      })
      .then(() => order.push('slow query'));
    // Let the slow query take the database first.
    await new Promise((r) => setTimeout(r, 100));
    const live = Promise.resolve(h.app.request('http://localhost/healthz')).then((r) => {
      order.push('healthz');
      return r;
    });
    const res = await live;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
    expect(order).toEqual(['healthz']);
    await slow;
    const ready = await h.app.request('http://localhost/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', database: h.database.kind });
  });
});
