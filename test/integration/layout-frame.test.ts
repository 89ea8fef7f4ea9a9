/**
 * The page frame is kept per address, person and language (src/web/layout.tsx, issue 12 §4): what
 * a kept frame shows must still be this person's — her name, her role's navigation, her language,
 * her session's CSRF token in every form of the frame — and a change to any of them shows on the
 * next view. Both databases (TEST_DATABASE_URL for PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

vi.setConfig({ testTimeout: 60_000 });

let h: Harness;
let ana: TestClient;
let bora: TestClient;
let operator: TestClient;
let anaId: string;

beforeAll(async () => {
  h = await createHarness();
  const officeId = await h.ensureOffice();
  const a = await h.createUser('clerk', { login: 'frame-ana', officeId });
  const b = await h.createUser('clerk', { login: 'frame-bora', officeId });
  const o = await h.createUser('operator', { login: 'frame-operator' });
  anaId = a.id;
  await h.db.updateTable('appUser').set({ displayName: '가나 사무원' }).where('id', '=', a.id).execute();
  await h.db.updateTable('appUser').set({ displayName: '보라 사무원' }).where('id', '=', b.id).execute();
  ana = h.client();
  bora = h.client();
  operator = h.client();
  await ana.login(a.login);
  await bora.login(b.login);
  await operator.login(o.login);
});
afterAll(() => h?.close());

const tokensIn = (html: string) => [...html.matchAll(/name="_csrf" value="([^"]*)"/g)].map((m) => m[1]);

describe('kept page frame', () => {
  it('shows each person her own name and her own session token on the same address', async () => {
    for (let round = 0; round < 2; round++) {
      const a = await (await ana.get('/password')).text();
      const b = await (await bora.get('/password')).text();
      expect(a).toContain('가나 사무원');
      expect(a).not.toContain('보라 사무원');
      expect(b).toContain('보라 사무원');
      expect(b).not.toContain('가나 사무원');
      // The language switch and the sign-out form (frame) and the page's own form: all hers.
      expect(tokensIn(a).length).toBeGreaterThanOrEqual(3);
      expect(new Set(tokensIn(a))).toEqual(new Set([ana.cookies.get('itda_csrf')]));
      expect(new Set(tokensIn(b))).toEqual(new Set([bora.cookies.get('itda_csrf')]));
      expect(a).not.toContain('\u0000');
    }
  });

  it('follows the role: the operator’s navigation is not a clerk’s, on the same address', async () => {
    const clerkPage = await (await ana.get('/password')).text();
    const operatorPage = await (await operator.get('/password')).text();
    expect(operatorPage).toContain('href="/admin/users"');
    expect(clerkPage).not.toContain('href="/admin/users"');
  });

  it('follows the language and the text size asked for', async () => {
    const ko = await (await ana.get('/password')).text();
    const en = await (await ana.get('/password?lang=en')).text();
    expect(ko).toContain('<html lang="ko"');
    expect(en).toContain('<html lang="en"');
    const large = await (await ana.get('/password?text=large')).text();
    expect(large).toContain('class="itda-text-large"');
    // The cookie set by that link makes the next view of the plain address large too.
    expect(await (await ana.get('/password?lang=ko')).text()).toContain('class="itda-text-large"');
    expect(await (await ana.get('/password?text=normal')).text()).not.toContain('class="itda-text-large"');
  });

  it('shows a changed name on the next view', async () => {
    expect(await (await ana.get('/password')).text()).toContain('가나 사무원');
    await h.db.updateTable('appUser').set({ displayName: '가나다 사무원' }).where('id', '=', anaId).execute();
    const after = await (await ana.get('/password')).text();
    expect(after).toContain('가나다 사무원');
  });

  it('keeps a token that works: signing out from a kept frame', async () => {
    await ana.get('/password');
    const page = await (await ana.get('/password')).text();
    const token = tokensIn(page)[0]!;
    const res = await ana.post('/logout', {}, { csrf: token });
    expect(res.status).toBe(303);
    expect((await ana.get('/password')).status).toBe(303);
  });
});
