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
import { NOT_CONFIGURED_REASON } from '../../src/modules/notices/notices.service.ts';
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
    expect(JOBS['notices.read'].cron).toBe('*/5 * * * *');
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
  it('records every file as not fetched with the reason, and makes no call', async () => {
    const plain = await createHarness();
    try {
      await plain.services.programs.importBatch(null, parseBizinfo(feed()), meta);
      const before = double.requests.length;
      await plain.services.notices.readPending();
      const rows = await plain.db.selectFrom('noticeDocument').select(['fileName', 'status', 'error']).orderBy('position').execute();
      expect(rows.filter((r) => r.status === 'not_fetched' && r.error === NOT_CONFIGURED_REASON).map((r) => r.fileName)).toEqual([
        '공고문.hwp',
        '공고문.hwpx',
        '신청서.hwp',
        '붙임 자료.pdf',
        '내부.pdf',
        '공고문(인쇄용).pdf',
      ]);
      expect(double.requests.length).toBe(before);
      // The job does not pick them up again and again.
      expect(await plain.services.notices.readPending()).toEqual({ versions: 0, extracted: 0 });
    } finally {
      await plain.close();
    }
  });
});

function createHashHex(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}
