import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';

/**
 * A generated year of activity for the reports benchmark (issue 5: 3,000 businesses, 60 clerks,
 * 8,000 participations, 40,000 activities at 1×), written with set-based SQL (generate_series)
 * so that 10× loads in seconds. Values are pseudo-random but deterministic: they come from
 * hashtext() of the row number, so every run (and every connection) builds the same data.
 *
 * Everything is labelled sample data (예시/벤치): offices "벤치 …", businesses is_sample.
 * `addScale` can be called again with a higher `from` to grow the same database (1× → 10×).
 */
export const BENCH_PER_SCALE = { clerks: 60, businesses: 3_000, participations: 8_000, activities: 40_000, accessRecords: 20_000 };
export const BENCH_YEAR = 2026;

const OFFICES: [string, string, string[]][] = [
  ['벤치 수원 사무소', '남부(수원)', ['41110', '41410', '41430', '41290', '41460']],
  ['벤치 화성 사무소', '남부(화성)', ['41590', '41370', '41220', '41550']],
  ['벤치 광주 사무소', '남동(광주)', ['41610', '41130', '41670', '41500']],
  ['벤치 시흥 사무소', '남서(시흥)', ['41390', '41170', '41270', '41210']],
  ['벤치 부천 사무소', '남서(시흥)', ['41190']],
  ['벤치 남양주 사무소', '북부(남양주)', ['41360', '41150', '41650', '41310', '41820', '41450', '41830']],
  ['벤치 파주 사무소', '북서(파주)', ['41480', '41630', '41250', '41800']],
  ['벤치 고양 사무소', '북서(파주)', ['41280', '41570']],
];

const CATEGORIES = ['01', '01', '02', '03', '05', '06', '07', '07', '09'];

/** Offices, programmes: once per database. */
export async function createBase(db: Kysely<DB>, passwordHash: string) {
  for (const [name, region, munis] of OFFICES) {
    const r = await db.selectFrom('region').select('id').where('name', '=', region).executeTakeFirstOrThrow();
    const o = await db.insertInto('office').values({ name, regionId: r.id, address: null, phone: null, isDemo: true }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('officeMunicipality').values(munis.map((m) => ({ officeId: o.id, municipalityCode: m }))).execute();
  }
  for (let i = 1; i <= 30; i++) {
    const p = await db.insertInto('programme').values({ key: `bench-${i}`, source: 'manual', sourceId: `bench-${i}`, isSample: true }).returning('id').executeTakeFirstOrThrow();
    const v = await db
      .insertInto('programmeVersion')
      .values({ programmeId: p.id, version: 1, title: `벤치 지원사업 ${String(i).padStart(2, '0')}`, category: CATEGORIES[i % CATEGORIES.length]!, changeReason: '벤치마크 데이터' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('programme').set({ currentVersionId: v.id }).where('id', '=', p.id).execute();
  }
  void passwordHash;
}

/**
 * Adds scale units [from, to) (1 unit = the 1× sizes above). Clerks are spread over the 8
 * offices; businesses sit in a 시·군 of their office, most with a clerk of that office; each
 * business has up to 3 participations in different programmes (the open-participation index
 * allows one open per business and programme).
 */
export async function addScale(db: Kysely<DB>, from: number, to: number, passwordHash: string, sizes: typeof BENCH_PER_SCALE = BENCH_PER_SCALE) {
  // One connection with triggers off (session_replication_role = replica, superuser): the fact
  // tables are then rebuilt once, set-based, instead of after each bulk statement.
  await db.connection().execute(async (conn) => {
    await sql`set session_replication_role = replica`.execute(conn);
    try {
      await load(conn, from, to, passwordHash, sizes);
      await sql`set session_replication_role = origin`.execute(conn);
      await sql`select report_refresh_participations(array(
        select pa.id from participation pa join business b on b.id = pa.business_id where b.name like '벤치 사업장 %'
          and not exists (select 1 from report_participation rp where rp.participation_id = pa.id)))`.execute(conn);
      await sql`select report_refresh_business_days(array(
        select id from business b where b.name like '벤치 사업장 %' and not exists (select 1 from report_business_day d where d.business_id = b.id)))`.execute(conn);
    } finally {
      await sql`set session_replication_role = origin`.execute(conn);
    }
  });
}

async function load(db: Kysely<DB>, from: number, to: number, passwordHash: string, S: typeof BENCH_PER_SCALE) {
  const c0 = from * S.clerks + 1;
  const c1 = to * S.clerks;
  const b0 = from * S.businesses + 1;
  const b1 = to * S.businesses;
  const p0 = from * S.participations + 1;
  const p1 = to * S.participations;
  const a0 = from * S.activities + 1;
  const a1 = to * S.activities;
  const h = (expr: string, salt: string) => sql.raw(`abs(hashtext((${expr})::text || '${salt}'))`);
  await sql`
    insert into app_user (login, display_name, role, office_id, password_hash, is_demo)
    select 'bench-clerk-' || g, '벤치 사무원 ' || g, 'clerk',
      (select id from office where name like '벤치%' order by id offset (g % 8) limit 1), ${passwordHash}, true
    from generate_series(${c0}::int, ${c1}::int) g`.execute(db);
  // Businesses: office by number, 시·군 among the office's, clerk among the office's clerks (2% none).
  await sql`
    with o as (select id, row_number() over (order by id) - 1 as k from office where name like '벤치%'),
    c as (select u.id, u.office_id, row_number() over (partition by u.office_id order by u.login) - 1 as k, count(*) over (partition by u.office_id) as n
          from app_user u where u.login like 'bench-clerk-%'),
    om as (select office_id, municipality_code, row_number() over (partition by office_id order by municipality_code) - 1 as k, count(*) over (partition by office_id) as n from office_municipality)
    insert into business (name, municipality_code, sido_code, office_id, clerk_id, is_sample, created_at, last_contact_at)
    select '벤치 사업장 ' || g, om.municipality_code, '41', o.id,
      case when ${h('g', 'u')} % 50 = 0 then null else (select c.id from c where c.office_id = o.id and c.k = ${h('g', 'c')} % c.n) end,
      true, timestamptz '2026-01-01 00:00+09' + (${h('g', 'd')} % 300) * interval '1 day', null
    from generate_series(${b0}::int, ${b1}::int) g
    join o on o.k = g % 8
    join om on om.office_id = o.id and om.k = ${h('g', 'm')} % om.n`.execute(db);
  // Participations: status by a fixed distribution; dates in order; amounts for benefits. Each goes
  // to a business of this batch: business b0 + i mod nb, the j-th (j = i div nb ≤ 2) in programme
  // (7k + 11j) mod 30, so no business has two open participations in one programme.
  const nb = b1 - b0 + 1;
  await sql`
    with b as (select id, substring(name from '[0-9]+$')::int as k from business where name like '벤치 사업장 %'),
    p as (select p.id, v.id as vid, row_number() over (order by p.key) - 1 as k from programme p join programme_version v on v.id = p.current_version_id where p.key like 'bench-%'),
    g as (select g, ${h('g', 's')} % 100 as r, ${h('g', 't')} % 320 as day0, ${b0}::int + (g - ${p0}::int) % ${nb}::int as bk, (g - ${p0}::int) / ${nb}::int as j
          from generate_series(${p0}::int, ${p1}::int) g),
    x as (
      select g.*, b.id as business_id, (g.bk * 7 + g.j * 11) % 30 as pk,
        case when g.r < 10 then 'identified' when g.r < 18 then 'informed' when g.r < 26 then 'preparing' when g.r < 44 then 'submitted'
             when g.r < 54 then 'selected' when g.r < 68 then 'rejected' when g.r < 74 then 'withdrawn' else 'benefited' end as status
      from g join b on b.k = g.bk
    ),
    d as (
      select x.*, date '2026-01-05' + x.day0 as created_on,
        date '2026-01-05' + x.day0 + (${h('x.g', 'a')} % 20) as submitted_on,
        date '2026-01-05' + x.day0 + (${h('x.g', 'a')} % 20) + 7 + (${h('x.g', 'b')} % 30) as decided_on,
        date '2026-01-05' + x.day0 + (${h('x.g', 'a')} % 20) + 14 + (${h('x.g', 'b')} % 30) + (${h('x.g', 'e')} % 30) as benefited_on
      from x
    )
    insert into participation (business_id, programme_id, programme_version_id, status, submitted_on, submission_channel, decided_on, benefited_on, benefit_amount, created_at, updated_at)
    select d.business_id, p.id, p.vid, d.status,
      case when d.status in ('submitted', 'selected', 'rejected', 'benefited') or (d.status = 'withdrawn' and d.r < 71) then least(d.submitted_on, date '2026-11-26') end,
      case when d.status in ('submitted', 'selected', 'rejected', 'benefited') or (d.status = 'withdrawn' and d.r < 71) then 'visit' end,
      case when d.status in ('selected', 'rejected', 'benefited') or (d.status = 'withdrawn' and d.r < 71) then least(d.decided_on, date '2026-11-26') end,
      case when d.status = 'benefited' then least(d.benefited_on, date '2026-11-26') end,
      case when d.status = 'benefited' then (500000 + (${h('d.g', 'w')} % 40) * 100000)::bigint end,
      (d.created_on + time '10:00') at time zone 'Asia/Seoul', now()
    from d join p on p.k = d.pk`.execute(db);
  // History rows for each step reached (발굴 → … → the status), at 10:00–17:00 Korean time.
  await sql`
    insert into participation_event (participation_id, from_status, to_status, detail, at)
    select pa.id, s.from_status, s.to_status, '{}'::jsonb, (s.on_date + time '11:00') at time zone 'Asia/Seoul'
    from participation pa
    cross join lateral (values
      (null, 'identified', (pa.created_at at time zone 'Asia/Seoul')::date, true),
      ('identified', 'informed', (pa.created_at at time zone 'Asia/Seoul')::date + 1, pa.status in ('informed', 'preparing')),
      ('informed', 'preparing', (pa.created_at at time zone 'Asia/Seoul')::date + 2, pa.status = 'preparing'),
      ('identified', 'submitted', pa.submitted_on, pa.submitted_on is not null),
      ('submitted', 'selected', pa.decided_on, pa.decided_on is not null and pa.status <> 'rejected'),
      ('submitted', 'rejected', pa.decided_on, pa.status = 'rejected'),
      ('selected', 'benefited', pa.benefited_on, pa.status = 'benefited'),
      ('selected', 'withdrawn', pa.decided_on + 3, pa.status = 'withdrawn' and pa.decided_on is not null),
      ('identified', 'withdrawn', (pa.created_at at time zone 'Asia/Seoul')::date + 5, pa.status = 'withdrawn' and pa.decided_on is null)
    ) as s(from_status, to_status, on_date, reached)
    where s.reached and pa.id in (select pa2.id from participation pa2 join business b on b.id = pa2.business_id where b.name like '벤치 사업장 %' and not exists (select 1 from participation_event e where e.participation_id = pa2.id))`.execute(db);
  // 상담일지 by the business's clerk (or a clerk of its office when none), on a business of this batch.
  await sql`
    with b as (select id, clerk_id, office_id, substring(name from '[0-9]+$')::int as k from business where name like '벤치 사업장 %'),
    fallback as (select distinct on (office_id) office_id, id from app_user where login like 'bench-clerk-%' order by office_id, login)
    insert into activity (business_id, clerk_id, kind, occurred_on, minutes, summary)
    select b.id, coalesce(b.clerk_id, f.id), (array['visit', 'call', 'office', 'sms'])[1 + ${h('g', 'k')} % 4],
      date '2026-01-02' + (${h('g', 'o')} % 329), 10 + ${h('g', 'n')} % 80, '벤치 상담'
    from generate_series(${a0}::int, ${a1}::int) g
    join b on b.k = ${b0}::int + ${h('g', 'q')} % ${nb}::int
    join fallback f on f.office_id = b.office_id`.execute(db);
  // Surveys: a third of the ended participations answered, mostly satisfied.
  await sql`
    insert into survey_invitation (participation_id, business_id, outcome, code, created_via, expires_at, answered_at, created_at)
    select pa.id, pa.business_id, pa.status,
      upper(substr(translate(md5(pa.id::text), '01', 'XY'), 1, 4) || '-' || substr(translate(md5(pa.id::text), '01', 'XY'), 5, 4)),
      'sweep', now() + interval '30 days', null, coalesce(pa.benefited_on, pa.decided_on, date '2026-06-01') + time '12:00'
    from participation pa join business b on b.id = pa.business_id
    where b.name like '벤치 사업장 %' and pa.status in ('selected', 'rejected', 'withdrawn', 'benefited')
      and not exists (select 1 from survey_invitation i where i.participation_id = pa.id)
    on conflict do nothing`.execute(db);
  await sql`
    insert into survey_response (invitation_id, q1, q2, q3, channel, answered_at)
    select i.id, 3 + ${h('i.id', '1')} % 3, 3 + ${h('i.id', '2')} % 3, 2 + ${h('i.id', '3')} % 4, 'link', i.created_at + interval '2 days'
    from survey_invitation i where i.answered_at is null and ${h('i.id', 'z')} % 3 = 0
      and not exists (select 1 from survey_response r where r.invitation_id = i.id)`.execute(db);
  await sql`update survey_invitation i set answered_at = r.answered_at from survey_response r where r.invitation_id = i.id and i.answered_at is null`.execute(db);
  // Access records (views, a few downloads, some after hours) for the monthly review page.
  const r0 = from * S.accessRecords + 1;
  const r1 = to * S.accessRecords;
  await sql`
    with u as (select id, login, row_number() over (order by login) as k, count(*) over () as n from app_user where login like 'bench-clerk-%')
    insert into access_record (at, account_id, account_login, ip, subject_type, subject_id, action, reason, detail, retain_until, hash)
    select timestamptz '2026-01-02 08:30+09' + (${h('g', 'd')} % 329) * interval '1 day' + (${h('g', 'h')} % 780) * interval '1 minute',
      u.id, u.login, '10.0.0.' || (g % 250), 'business', md5(g::text), case when g % 97 = 0 then 'download' else 'view' end,
      case when g % 97 = 0 then '제출' end, '{}'::jsonb, now() + interval '2 years', md5('h' || g)
    from generate_series(${r0}::int, ${r1}::int) g join u on u.k = (${h('g', 'u')} % (select max(k) from u)) + 1`.execute(db);
}
