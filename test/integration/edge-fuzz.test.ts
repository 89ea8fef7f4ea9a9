import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

/**
 * Issue 14 §1: hostile input at the edge never gives a 5xx. The routes come from the app itself
 * (like route-matrix.test.ts), so a route added later is fuzzed too. Each route gets, as a
 * signed-in admin and anonymously: path parameters beyond the integer range, negative, not a
 * number, a NUL byte; query parameters beyond the integer range or with a NUL byte; form bodies
 * with a NUL byte in every field name the app's forms use; multipart bodies that are not
 * multipart, have no boundary or are cut short; a broken JSON body.
 */
let h: Harness;
let admin: TestClient;
let anonymous: TestClient;
let fieldNames: string[] = [];

const BAD_IDS = ['2147483648', '99999999999', '-1', '0', '1.5', 'abc', '%00', '9'.repeat(40)];
const QUERY_NAMES = ['office', 'officeId', 'region', 'regionId', 'programme', 'programmeId', 'clerk', 'clerkId', 'page', 'draft', 'round', 'course', 'from', 'to', 'month', 'year', 'q', 'status', 'category', 'idleDays', 'next', 'code'];

function routes(): { method: string; path: string }[] {
  const seen = new Map<string, { method: string; path: string }>();
  for (const r of h.app.routes) if (r.method !== 'ALL') seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  return [...seen.values()].sort((a, b) => `${a.method} ${a.path}`.localeCompare(`${b.method} ${b.path}`));
}

const withParam = (path: string, value: string) => path.replace(/:[A-Za-z]+/g, value).replace(/\*$/, 'x');

/** Runs the requests with a few in flight at once (one database per file: more would only queue). */
async function inParallel<T>(jobs: (() => Promise<T>)[], width = 12): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

type Probe = { who: 'admin' | 'anonymous'; what: string; run: (c: TestClient) => Promise<Response> };

async function serverErrors(probes: Probe[]): Promise<string[]> {
  const results = await inParallel(
    probes.map((p) => async () => {
      const res = await p.run(p.who === 'admin' ? admin : anonymous);
      await res.arrayBuffer();
      return res.status >= 500 ? `${p.what} as ${p.who}: ${res.status}` : null;
    }),
  );
  return results.filter((r): r is string => r !== null);
}

const WHO = ['admin', 'anonymous'] as const;

/**
 * The paths whose value reached the database before being refused (the error handler's safety net
 * logs 'database refused a value the edge let through'): edge validation leaves none.
 */
function leakedToDatabase(): string[] {
  const leaked = new Set(h.logLines.filter((l) => l.msg === 'database refused a value the edge let through').map((l) => l.reqId));
  const paths = h.logLines.filter((l) => l.msg === 'request' && leaked.has(l.reqId)).map((l) => `${String(l.method)} ${String(l.path)}`);
  return [...new Set(paths)].sort();
}
const csrfHeader = (c: TestClient) => ({ 'x-csrf-token': c.cookies.get('itda_csrf') ?? '' });

beforeAll(async () => {
  h = await createHarness();
  await h.ensureOffice();
  const a = await h.createUser('admin', { login: 'fuzz-admin' });
  admin = h.client();
  expect((await admin.login(a.login)).status).toBe(303);
  anonymous = h.client();
  await anonymous.get('/login');
  // Every field name of every form the admin can reach without an id: the names to poison.
  const names = new Set<string>(['title', 'name', 'note', 'reason', 'login', 'password', 'displayName', 'address']);
  const pages = routes().filter((r) => r.method === 'GET' && !r.path.includes(':') && !r.path.includes('*') && !r.path.startsWith('/api/'));
  for (const r of pages) {
    const html = await (await admin.get(r.path)).text();
    for (const m of html.matchAll(/\bname="([^"]+)"/g)) if (m[1] !== '_csrf') names.add(m[1]!);
  }
  fieldNames = [...names].sort();
});
afterAll(async () => {
  await h?.close();
});

describe('edge validation: no input gives a 5xx (issue 14 §1)', () => {
  it('finds the routes and the form fields to fuzz', () => {
    expect(routes().length).toBeGreaterThan(100);
    expect(fieldNames.length).toBeGreaterThan(30);
  });

  it('path parameters beyond the integer range, negative, fractional, not a number, NUL: never 5xx', async () => {
    const paramRoutes = routes().filter((x) => x.path.includes(':') && x.path !== '/logout');
    // Anonymously, a route behind sign-in answers with the redirect to /login before it reads its
    // parameters: probing those again with every bad id tests the sign-in gate 8 times over. The
    // anonymous probes go to the routes that read their parameters without sign-in (public pages,
    // the owner's and the applicant's links), found by asking each route once.
    const anonymousReads = new Set<string>();
    await inParallel(
      paramRoutes.map((r) => async () => {
        const url = withParam(r.path, BAD_IDS[0]!);
        const res = r.method === 'GET' ? await anonymous.get(url) : await anonymous.post(url, {});
        await res.arrayBuffer();
        if (!/^\/login(\?|$)/.test(res.headers.get('location') ?? '')) anonymousReads.add(`${r.method} ${r.path}`);
      }),
    );
    expect(anonymousReads.size, 'public routes with parameters exist (owner link, survey, recruitment)').toBeGreaterThan(3);
    const probes: Probe[] = [];
    for (const r of paramRoutes) {
      for (const bad of BAD_IDS) {
        const url = withParam(r.path, bad);
        for (const who of WHO) {
          if (who === 'anonymous' && !anonymousReads.has(`${r.method} ${r.path}`)) continue;
          probes.push({ who, what: `${r.method} ${url}`, run: (c) => (r.method === 'GET' ? c.get(url) : c.post(url, {})) });
        }
      }
    }
    h.logLines.length = 0;
    expect(await serverErrors(probes)).toEqual([]);
    expect(leakedToDatabase()).toEqual([]);
  });

  it('query parameters beyond the integer range or with a NUL byte: never 5xx (pages and the reports API)', async () => {
    const probes: Probe[] = [];
    const huge = new URLSearchParams(QUERY_NAMES.map((n) => [n, '99999999999']));
    const nul = QUERY_NAMES.map((n) => `${n}=a%00b`).join('&');
    for (const r of routes().filter((x) => x.method === 'GET')) {
      const path = withParam(r.path, '1');
      for (const q of [huge.toString(), nul, 'office=2147483648', 'page=-1']) {
        for (const who of WHO) probes.push({ who, what: `GET ${path}?${q}`, run: (c) => c.get(`${path}?${q}`) });
      }
    }
    h.logLines.length = 0;
    expect(await serverErrors(probes)).toEqual([]);
    expect(leakedToDatabase()).toEqual([]);
  });

  it('a NUL byte in every form field, on every POST route: never 5xx', async () => {
    const form = Object.fromEntries(fieldNames.map((n) => [n, 'a\u0000b']));
    const probes: Probe[] = [];
    for (const r of routes().filter((x) => x.method === 'POST' && x.path !== '/logout')) {
      const url = withParam(r.path, '1');
      for (const who of WHO) probes.push({ who, what: `POST ${url}`, run: (c) => c.post(url, form) });
    }
    expect(await serverErrors(probes)).toEqual([]);
  });

  it('numbers beyond the integer range in every form field, on every POST route: never 5xx', async () => {
    const form = Object.fromEntries(fieldNames.filter((n) => !/password/i.test(n)).map((n) => [n, '99999999999']));
    const probes: Probe[] = [];
    for (const r of routes().filter((x) => x.method === 'POST' && x.path !== '/logout')) {
      const url = withParam(r.path, '1');
      for (const who of WHO) probes.push({ who, what: `POST ${url}`, run: (c) => c.post(url, form) });
    }
    expect(await serverErrors(probes)).toEqual([]);
  });

  it('multipart bodies that are not multipart, lack the boundary or are cut short; broken JSON: never 5xx, even on POST /login', async () => {
    const bodies: { label: string; type: string; body: string }[] = [
      { label: 'not multipart', type: 'multipart/form-data; boundary=xyz', body: 'login=a&password=b' },
      { label: 'no boundary', type: 'multipart/form-data', body: '--xyz\r\nContent-Disposition: form-data; name="login"\r\n\r\na\r\n--xyz--\r\n' },
      { label: 'cut short', type: 'multipart/form-data; boundary=xyz', body: '--xyz\r\nContent-Disposition: form-data; name="login"\r\n\r\na' },
      { label: 'broken JSON', type: 'application/json', body: '{"login":' },
      { label: 'NUL in JSON', type: 'application/json', body: '{"login":"a\\u0000b"}' },
    ];
    const probes: Probe[] = [];
    for (const r of routes().filter((x) => x.method === 'POST' && x.path !== '/logout')) {
      const url = withParam(r.path, '1');
      for (const b of bodies) {
        for (const who of WHO) {
          // Without the CSRF header the CSRF check reads the body; with it, the route does.
          probes.push({ who, what: `POST ${url} (${b.label})`, run: (c) => c.request(url, { method: 'POST', headers: { 'content-type': b.type }, body: b.body }) });
          probes.push({ who, what: `POST ${url} (${b.label}, CSRF header)`, run: (c) => c.request(url, { method: 'POST', headers: { 'content-type': b.type, ...csrfHeader(c) }, body: b.body }) });
        }
      }
    }
    expect(await serverErrors(probes)).toEqual([]);
  });

  it('answers a malformed multipart sign-in and a NUL byte with a Korean 400', async () => {
    const login = await anonymous.request('/login', { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'x' });
    expect(login.status).toBe(400);
    expect(await login.text()).toContain('요청 본문');
    const nul = await admin.post('/admin/offices/new', { name: 'a\u0000b', regionId: '1' });
    expect(nul.status).toBe(400);
    expect(await nul.text()).toContain('NUL');
    for (const path of ['/admin/contracts/2147483648', '/admin/offices/99999999999', '/recruit/rounds/2147483648', '/review/2147483648']) {
      expect((await admin.get(path)).status, path).toBe(404);
    }
    const query = await admin.get('/api/v1/reports/summary?office=99999999999');
    expect(query.status).toBe(400);
    expect(((await query.json()) as { error: { message: string } }).error.message).toMatch(/[가-힣]/);
  });
});
