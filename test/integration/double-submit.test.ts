import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

/**
 * Issue 14 §1: a double-click sends the same new 사업자등록번호 or the same new login twice at the
 * same moment. On PostgreSQL both requests passed the "does it exist?" check and the second insert
 * hit the unique index (business_brn_key, app_user_login_key): 303 + 500. Check and insert are one
 * step now, and the second request is answered as a known duplicate. The race only exists where
 * requests run side by side: run this file with TEST_DATABASE_URL (PGlite serializes them).
 */
let h: Harness;
let clerk: TestClient;
let operator: TestClient;
let officeId: number;

const intake = (brn: string) => ({
  brn,
  name: '동시 등록 가게',
  municipalityCode: '41110',
  openedOn: '2019-05-02',
  operatingStatus: 'active',
  localTaxArrears: 'no',
  consentCollection: '',
  consentThirdParty: '',
});
/** Valid 사업자등록번호 (check digit) for the rounds. */
const BRNS = ['2208162517', '1248100998', '2148800325', '1078155843', '1208147521'];

beforeAll(async () => {
  h = await createHarness();
  officeId = await h.ensureOffice();
  const c = await h.createUser('clerk', { login: 'ds-clerk', officeId });
  const o = await h.createUser('operator', { login: 'ds-operator' });
  clerk = h.client();
  operator = h.client();
  expect((await clerk.login(c.login)).status).toBe(303);
  expect((await operator.login(o.login)).status).toBe(303);
});
afterAll(async () => {
  await h?.close();
});

describe('double submit (issue 14 §1)', () => {
  it('the same new 사업자등록번호 twice at once: both end on the one business, no 500', async () => {
    for (const brn of BRNS) {
      const [a, b] = await Promise.all([clerk.post('/businesses/new', intake(brn)), clerk.post('/businesses/new', intake(brn))]);
      const statuses = [a.status, b.status];
      expect(statuses, brn).toEqual([303, 303]);
      const rows = await h.db.selectFrom('business').select('id').where('brn', '=', brn).execute();
      expect(rows).toHaveLength(1);
      expect(a.headers.get('location')).toContain(rows[0]!.id);
      expect(b.headers.get('location')).toContain(rows[0]!.id);
    }
  });

  it('the same new login twice at once: one account, the other answered "already taken", no 500', async () => {
    for (let i = 0; i < 8; i += 1) {
      const form = { login: `twice.${i}`, displayName: '두 번 누른 사람', role: 'clerk', officeId: String(officeId), email: '', phone: '' };
      const [a, b] = await Promise.all([operator.post('/admin/users/new', form), operator.post('/admin/users/new', form)]);
      const statuses = [a.status, b.status].sort();
      expect(statuses, `round ${i}`).toEqual([201, 400]);
      const refused = a.status === 400 ? a : b;
      expect(await refused.text()).toContain('이미 쓰고 있는 아이디');
      expect(await h.db.selectFrom('appUser').select('id').where('login', '=', `twice.${i}`).execute()).toHaveLength(1);
    }
  });
});
