import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsRrn } from '../../src/domain/identifiers.ts';
import { createHarness, type Harness, type TestClient } from '../harness.ts';

/**
 * Issue 14 §1: no free-text field of any form stores a 주민등록번호, however it is written. The forms
 * come from the app itself: a crawler follows the links of every page reachable without an id (as
 * an admin, a clerk and an anonymous visitor) and collects every POST form; each text field of each
 * form is submitted with a 주민등록번호 variant (the other fields with plausible values), and
 * afterwards every text column of every table is searched for one.
 */
const VARIANTS = [
  '９００１０１－１２３４５６７', // full-width digits and dash
  '900101.1234567',
  '900101/1234567',
  '900101_1234567',
  '900101-\u200B1234567', // zero-width space inside
  '900101\u20131234567', // en dash
];

let h: Harness;
const clients: { who: string; client: TestClient }[] = [];

type Form = { action: string; fields: { name: string; kind: 'text' | 'fixed'; value: string }[] };

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'");

/** The POST forms of a page: each field with its kind (free text, or a value to send as it is). */
function formsOf(html: string): Form[] {
  const out: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const open = m[1]!;
    if ((attr(open, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const action = unescape(attr(open, 'action') ?? '');
    if (!action.startsWith('/')) continue;
    const fields: Form['fields'] = [];
    const body = m[2]!;
    for (const t of body.matchAll(/<input\b[^>]*>/g)) {
      const tag = t[0];
      const name = attr(tag, 'name');
      if (!name || name === '_csrf') continue;
      const type = (attr(tag, 'type') ?? 'text').toLowerCase();
      if (['submit', 'button', 'file', 'password'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag) && fields.some((f) => f.name === name)) continue;
      const value = unescape(attr(tag, 'value') ?? '');
      const empty: Record<string, string> = { date: '2026-12-15', 'datetime-local': '2026-12-15T10:00', month: '2026-12', number: '10', email: 'probe@example.com', tel: '010-1234-5678', time: '10:00', checkbox: 'on' };
      fields.push({ name, kind: type === 'text' || type === 'search' ? 'text' : 'fixed', value: value || empty[type] || '' });
    }
    for (const t of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = attr(t[1]!, 'name');
      if (name) fields.push({ name, kind: 'text', value: unescape(t[2]!) });
    }
    for (const t of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attr(t[1]!, 'name');
      if (!name) continue;
      const options = [...t[2]!.matchAll(/<option\b([^>]*)>/g)].map((o) => ({ value: unescape(attr(o[1]!, 'value') ?? ''), selected: /\sselected\b/.test(o[1]!) }));
      const chosen = options.find((o) => o.selected && o.value) ?? options.find((o) => o.value);
      fields.push({ name, kind: 'fixed', value: chosen?.value ?? '' });
    }
    out.push({ action, fields });
  }
  return out;
}

/** A plausible value for a text field that has a format (so the form is otherwise valid). */
function plausible(name: string, n: number): string {
  if (/brn/i.test(name)) return '124-81-00998';
  if (/login/i.test(name)) return `rrn-probe-${n}`;
  if (/phone|mobile|tel/i.test(name)) return '010-1234-5678';
  if (/email/i.test(name)) return `probe${n}@example.com`;
  if (/code/i.test(name)) return 'ABCD-1234';
  return `시험 입력 ${n}`;
}

/** Every row of every table as JSON text (binary columns left out), searched for a 주민등록번호. */
async function storedRrns(): Promise<string[]> {
  const columns = await sql<{ table: string; column: string; type: string }>`
    select table_name as "table", column_name as "column", data_type as "type" from information_schema.columns
    where table_schema = 'public' order by table_name, ordinal_position`.execute(h.db);
  const tables = new Map<string, string[]>();
  for (const c of columns.rows) {
    if (c.type === 'bytea') continue;
    tables.set(c.table, [...(tables.get(c.table) ?? []), c.column]);
  }
  const found: string[] = [];
  for (const [table, cols] of tables) {
    const list = sql.join(cols.map((c) => sql.ref(c)));
    const rows = await sql<{ j: string }>`select row_to_json(x)::text as j from (select ${list} from ${sql.table(table)}) x`.execute(h.db);
    for (const r of rows.rows) if (containsRrn(r.j)) found.push(`${table}: ${r.j.slice(0, 300)}`);
  }
  return found;
}

beforeAll(async () => {
  h = await createHarness();
  const officeId = await h.ensureOffice();
  for (const role of ['admin', 'clerk'] as const) {
    const u = await h.createUser(role, { login: `rrn-${role}` });
    const c = h.client();
    expect((await c.login(u.login)).status).toBe(303);
    clients.push({ who: role, client: c });
    if (role === 'clerk') {
      await h.db.insertInto('business').values({ name: '시험 사업장', municipalityCode: '41110', officeId, clerkId: u.id, phone: '010-1234-5678' }).execute();
    }
  }
  const anonymous = h.client();
  await anonymous.get('/login');
  clients.push({ who: 'anonymous', client: anonymous });
});
afterAll(async () => {
  await h?.close();
});

/** Never submitted: they end the crawling session or take no free text worth probing. */
const SKIP = /^\/(logout|login|locale|password)\b/;

describe('주민등록번호 in any free-text field of any form is never stored (issue 14 §1)', () => {
  it('crawls the forms and submits every text field with a variant; the database holds none afterwards', async () => {
    const submitted: string[] = [];
    const statuses = new Map<number, number>();
    let n = 0;
    for (const { who, client } of clients) {
      const seen = new Set<string>();
      const queue = h.app.routes.filter((r) => r.method === 'GET' && !r.path.includes(':') && !r.path.includes('*') && !r.path.startsWith('/api/') && !r.path.startsWith('/static')).map((r) => r.path);
      const forms = new Map<string, Form>();
      while (queue.length && seen.size < 200) {
        const path = queue.shift()!;
        if (seen.has(path)) continue;
        seen.add(path);
        const res = await client.get(path);
        if (res.status !== 200 || !(res.headers.get('content-type') ?? '').includes('text/html')) {
          await res.arrayBuffer();
          continue;
        }
        const html = await res.text();
        for (const f of formsOf(html)) if (!SKIP.test(f.action) && f.fields.some((x) => x.kind === 'text')) forms.set(f.action.split('?')[0]!, f);
        for (const l of html.matchAll(/href="(\/[^"#]*)"/g)) {
          const link = unescape(l[1]!).split('?')[0]!;
          if (!seen.has(link) && !/^\/(static|logout|api)\b|\.(css|js|pdf|xlsx|png)$|\/(files|certificate|xlsx|pdf|export)\b/.test(link)) queue.push(link);
        }
      }
      for (const form of forms.values()) {
        for (const target of form.fields.filter((f) => f.kind === 'text')) {
          n += 1;
          const variant = VARIANTS[n % VARIANTS.length]!;
          const body: Record<string, string[]> = {};
          for (const f of form.fields) {
            const value = f === target ? `메모 ${variant}` : f.kind === 'text' ? f.value || plausible(f.name, n) : f.value;
            (body[f.name] ??= []).push(value);
          }
          const res = await client.post(form.action, body);
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          submitted.push(`${who} ${form.action} ${target.name}`);
        }
      }
    }
    // The crawl reached the forms the probe named (account, token, office, course, round, rules…).
    const reached = submitted.join('\n');
    for (const expected of ['/admin/offices/new name', '/admin/users/new displayName', '/admin/training/courses title', '/admin/recruitment/rounds/new title', '/businesses/new']) {
      expect(reached).toContain(expected);
    }
    expect(submitted.length).toBeGreaterThan(40);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(await storedRrns()).toEqual([]);
  });

  it('refuses each variant with the one Korean message', async () => {
    const admin = clients[0]!.client;
    for (const v of VARIANTS) {
      const res = await admin.post('/admin/offices/new', { name: `사무소 ${v}`, regionId: '1' });
      expect(res.status, v).toBe(400);
      expect(await res.text()).toContain('주민등록번호로 보이는 숫자가 있습니다');
    }
  });
});
