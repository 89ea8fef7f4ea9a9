import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GYEONGGI_MUNICIPALITIES } from '../../src/domain/places.ts';
import { testDatabase } from '../db.ts';

/**
 * The 31 시·군 live twice by necessity: in the code (src/domain/places.ts: the catalogue's region
 * parser, the engine's labels) and in the database (table municipality, seeded by the foundation
 * migration: offices' coverage, 권역). They must name the same places with the same codes.
 */
let t: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe('경기도 시·군', () => {
  it('the code list and the database table agree (31, same codes, same names)', async () => {
    const rows = await t.db.selectFrom('municipality').select(['code', 'name']).where('validTo', 'is', null).orderBy('code').execute();
    expect(rows).toEqual([...GYEONGGI_MUNICIPALITIES].sort((a, b) => a.code.localeCompare(b.code)).map(({ code, name }) => ({ code, name })));
    expect(rows).toHaveLength(31);
  });
});
