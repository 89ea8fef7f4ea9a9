/**
 * 공고문 첨부파일 (issue 11 §3) end to end: a 기업마당 record with attachments is imported, the job
 * fetches each file from a local double of the portal (a real HTTP server on loopback, reached
 * through ITDA_NOTICE_FETCH_BASE with the feed's own paths), extracts its text and finds the
 * sections; failures are recorded per file; unconfigured means no call at all.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBizinfo } from '../../src/domain/catalog/catalog.bizinfo.ts';
import { JOBS, jobHandlers } from '../../src/jobs/jobs.ts';
import type { Actor } from '../../src/modules/auth/auth.policy.ts';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { createNoticesRepository } from '../../src/modules/notices/notices.repository.ts';
import { createNoticesService, NOT_CONFIGURED_REASON } from '../../src/modules/notices/notices.service.ts';
import { createHarness, type Harness } from '../harness.ts';

const FIX = path.resolve(import.meta.dirname, '../fixtures/notices');
const FILES: Record<string, Buffer | number> = {
  '0': readFileSync(path.join(FIX, 'sample-notice.hwp')),
  '1': readFileSync(path.join(FIX, 'sample-notice.hwpx')),
  '2': 404,
  '3': Buffer.alloc(300_000, 0x41),
  '9': readFileSync(path.join(FIX, 'sample-notice.pdf')),
};

class PortalDouble {
  requests: string[] = [];
  server: Server = createServer((req, res) => {
    this.requests.push(req.url ?? '');
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname !== '/cmm/fms/getImageFile.do') return void res.writeHead(404).end();
    const f = FILES[u.searchParams.get('fileSn') ?? ''];
    if (f === undefined || typeof f === 'number') return void res.writeHead(typeof f === 'number' ? f : 404).end();
    // The portal serves every attachment as octet-stream; the bytes tell the format.
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(f.length) }).end(f);
  });
  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
}

const url = (sn: string, id = 'FILE_000000000800001') => `https://www.bizinfo.go.kr/cmm/fms/getImageFile.do?atchFileId=${id}&fileSn=${sn}`;
function feed(over: Record<string, string> = {}) {
  return {
    jsonArray: [
      {
        pblancId: 'PBLN_000000000130001',
        pblancNm: '2026년 ○○시 소상공인 경영환경개선 지원사업 참여자 모집 공고',
        reqstBeginEndDe: '2026-05-04 ~ 2026-05-29',
        pldirSportRealmLclasCodeNm: '경영',
        trgetNm: '소상공인',
        hashtags: '경영,경기,경기도,소상공인',
        bsnsSumryCn: '<p>☞ 지원대상 : ○○시 소재 소상공인</p><p>☞ 지원내용 : 최대 200만원</p>',
        flpthNm: [url('0'), url('1'), url('2'), url('3'), 'http://169.254.169.254/latest/meta-data', url('5')].join('@'),
        fileNm: ['공고문.hwp', '공고문.hwpx', '신청서.hwp', '붙임 자료.pdf', '내부.pdf', '포스터.jpg'].join('@'),
        printFlpthNm: url('9'),
        printFileNm: '공고문(인쇄용).pdf',
        ...over,
      },
    ],
  };
}

const double = new PortalDouble();
let h: Harness;
let editor: Actor;
const meta = { ip: null, requestId: 't' };

async function currentVersionId(harness: Harness): Promise<number> {
  const p = await harness.db
    .selectFrom('programme')
    .select(['currentVersionId'])
    .where('sourceId', '=', 'PBLN_000000000130001')
    .executeTakeFirstOrThrow();
  return p.currentVersionId!;
}

beforeAll(async () => {
  const base = await double.start();
  h = await createHarness({
    ITDA_NOTICE_FETCH_HOSTS: 'www.bizinfo.go.kr',
    ITDA_NOTICE_FETCH_BASE: base,
    ITDA_NOTICE_FETCH_TIMEOUT_MS: '3000',
    ITDA_NOTICE_FETCH_MAX_BYTES: '200000',
  });
  const u = await h.createUser('catalog_editor', { login: 'notice-editor' });
  editor = {
    userId: u.id,
    login: u.login,
    displayName: u.displayName,
    role: 'catalog_editor',
    officeId: null,
    locale: 'ko',
    via: 'session',
  };
  await h.services.programs.importBatch(null, parseBizinfo(feed()), meta);
});
afterAll(async () => {
  await h?.close();
  await new Promise((r) => double.server.close(r));
});

describe('reading the attachments of an imported notice', () => {
  it('the job fetches, extracts and records each file; failures stay on their file', async () => {
    expect(JOBS['notices.read'].cron).toBe('* * * * *');
    const r = await jobHandlers(h.services)['notices.read']();
    expect(r).toEqual({ versions: 1, extracted: 3 });
    const rows = await h.db
      .selectFrom('noticeDocument')
      .selectAll()
      .where('programmeVersionId', '=', await currentVersionId(h))
      .orderBy('position')
      .execute();
    expect(rows.map((d) => [d.fileName, d.status, d.format, d.error])).toEqual([
      ['공고문.hwp', 'extracted', 'hwp', null],
      ['공고문.hwpx', 'extracted', 'hwpx', null],
      ['신청서.hwp', 'fetch_failed', 'hwp', '서버 응답 404'],
      ['붙임 자료.pdf', 'fetch_failed', 'pdf', '파일이 너무 큽니다 (300,000바이트, 최대 200,000)'],
      ['내부.pdf', 'fetch_failed', 'pdf', '허용되지 않은 호스트입니다 (169.254.169.254)'],
      ['포스터.jpg', 'not_fetched', 'image', '이미지 파일이라 내려받지 않았습니다'],
      ['공고문(인쇄용).pdf', 'extracted', 'pdf', null],
    ]);
    const hwp = rows[0]!;
    expect(hwp.sha256).toBe(createHashHex(FILES['0'] as Buffer));
    expect(hwp.byteSize).toBe((FILES['0'] as Buffer).length);
    expect(hwp.fetchedAt).toEqual(h.clock.now());
    expect(hwp.text).toContain('○ 공고일 현재 ○○시에 사업자등록을 두고 6개월 이상 영업 중인 소상공인');
    expect((hwp.sections as { kind: string }[]).map((s) => s.kind)).toEqual(['target', 'qualification', 'exclusion', 'documents']);
    // Neither the internal address nor the poster was requested.
    expect(double.requests.some((q) => q.includes('meta-data') || q.includes('fileSn=5'))).toBe(false);
  });

  it('failed fetches are tried again up to three times in all, then left for the editor', async () => {
    await h.services.notices.readPending();
    await h.services.notices.readPending();
    const before = double.requests.length;
    expect(await h.services.notices.readPending()).toEqual({ versions: 0, extracted: 0 });
    expect(double.requests.length).toBe(before);
    const failed = await h.db.selectFrom('noticeDocument').select(['attempts']).where('status', '=', 'fetch_failed').execute();
    expect(failed.map((f) => f.attempts)).toEqual([3, 3, 3]);
  });

  it('eligibilityText: 지원대상 + 신청자격 + 지원 제외 from the feed and the files, each once, with its source', async () => {
    const e = await h.services.notices.eligibilityText(editor, await currentVersionId(h));
    expect(e.parts.map((p) => [p.kind, p.source.name, p.heading])).toEqual([
      ['target', '공고 정보 · 지원대상', '지원대상'],
      ['target', '공고 정보 · 사업개요', '☞ 지원대상 : ○○시 소재 소상공인'],
      ['target', '공고문.hwp', '1. 지원대상'],
      ['qualification', '공고문.hwp', '2. 신청자격'],
      ['exclusion', '공고문.hwp', '3. 지원 제외 대상'],
    ]);
    expect(e.text).toContain('3. 지원 제외 대상\n○ 유흥·사행성 업종, 부동산업 등 소상공인 정책자금 지원 제외 업종');
    for (const p of e.parts) expect(e.text.slice(p.start, p.end)).toBe(`${p.heading}\n${p.text}`);
    expect(e.unreadable.map((u) => [u.fileName, u.status])).toEqual([
      ['신청서.hwp', 'fetch_failed'],
      ['붙임 자료.pdf', 'fetch_failed'],
      ['내부.pdf', 'fetch_failed'],
      ['포스터.jpg', 'not_fetched'],
    ]);
    expect(e.unreadable[3]!.url).toBe(url('5'));
  });

  it('a re-import that changes the notice makes a new version whose files are copied, not fetched again', async () => {
    const before = double.requests.length;
    const report = await h.services.programs.importBatch(
      null,
      parseBizinfo(feed({ pblancNm: '2026년 ○○시 소상공인 경영환경개선 지원사업 참여자 모집 공고 (기간 연장)' })),
      meta,
    );
    expect(report.updated).toBe(1);
    const r = await h.services.notices.readPending();
    expect(r).toEqual({ versions: 1, extracted: 3 });
    // Only the three failed files were asked for again; the read ones were copied.
    expect(double.requests.slice(before).every((q) => /fileSn=[23]$/.test(q))).toBe(true);
  });
});

describe('without a configured fetcher', () => {
  it('is the default: no hosts and no base in the configuration', () => {
    expect(loadConfig({}).noticeFetch).toMatchObject({ hosts: [], base: undefined });
  });

  it('records every file as not fetched with the reason, and makes no call', async () => {
    // The service as compose.ts builds it when nothing is configured (fetcher null), on the same database.
    const unconfigured = createNoticesService({
      db: h.db,
      repo: createNoticesRepository(),
      fetcher: null,
      audit: h.services.audit,
      now: h.clock.now,
      logger: pino({ level: 'silent' }),
    });
    await h.services.programs.importBatch(
      null,
      parseBizinfo(
        feed({
          pblancId: 'PBLN_000000000130002',
          flpthNm: [url('0', 'FILE_2'), url('1', 'FILE_2')].join('@'),
          fileNm: '공고문.hwp@공고문.hwpx',
          printFlpthNm: '',
          printFileNm: '',
        }),
      ),
      meta,
    );
    const p = await h.db
      .selectFrom('programme')
      .select(['currentVersionId'])
      .where('sourceId', '=', 'PBLN_000000000130002')
      .executeTakeFirstOrThrow();
    const before = double.requests.length;
    const summary = await unconfigured.readVersion(p.currentVersionId!);
    expect(summary).toMatchObject({ files: 2, extracted: 0, notFetched: 2 });
    const rows = await h.db
      .selectFrom('noticeDocument')
      .select(['fileName', 'status', 'error'])
      .where('programmeVersionId', '=', p.currentVersionId!)
      .orderBy('position')
      .execute();
    expect(rows).toEqual([
      { fileName: '공고문.hwp', status: 'not_fetched', error: NOT_CONFIGURED_REASON },
      { fileName: '공고문.hwpx', status: 'not_fetched', error: NOT_CONFIGURED_REASON },
    ]);
    expect(double.requests.length).toBe(before);
    // The job does not pick them up again and again.
    expect(await createNoticesRepository().versionsToRead(h.db, 100, 3)).not.toContain(p.currentVersionId);
  });
});

describe('the programme page', () => {
  it('shows the sections found with their source file, and the files that could not be read with a link to the original', async () => {
    const client = h.client();
    await client.login('notice-editor');
    const p = await h.db.selectFrom('programme').select(['id']).where('sourceId', '=', 'PBLN_000000000130001').executeTakeFirstOrThrow();
    const html = await (await client.get(`/programmes/${p.id}`)).text();
    expect(html).toContain('공고문에서 읽은 내용');
    expect(html).toContain('3. 지원 제외 대상');
    expect(html).toContain('○ 국세·지방세 체납자 (단, 분납 중인 경우는 제외)');
    expect(html).toContain('출처: 공고문.hwp');
    expect(html).toContain('제출서류');
    expect(html).toContain('② 사업자등록증명 1부');
    expect(html).toContain('읽지 못한 파일이 있습니다');
    expect(html).toContain('서버 응답 404');
    expect(html).toContain(`href="${url('2').replace(/&/g, '&amp;')}"`);

    // The editor asks to read again: the failed ones are tried, the outcome is shown.
    const before = double.requests.length;
    const res = await client.post(`/programmes/${p.id}/notices/read`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/programmes/${p.id}?notice=noticesRead&e=3&u=3&n=1#notice-documents`);
    expect(double.requests.length).toBeGreaterThan(before);
    const audit = await h.db.selectFrom('auditEvent').select(['action']).where('action', '=', 'programme.notices.read').execute();
    expect(audit).toHaveLength(1);
  });
});

function createHashHex(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}
