import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseBizinfo } from '../catalog/catalog.bizinfo.ts';
import { MAX_FILES_PER_VERSION, planNoticeFiles } from './notice.attachments.ts';

const bizinfo = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/catalog/bizinfo-jsonArray.json'), 'utf8'),
) as unknown;

describe('planNoticeFiles', () => {
  it('fetches the 공고문 files of a bizinfo record, attachments and the print file', () => {
    const batch = parseBizinfo(bizinfo);
    const rec = batch.records.find((r) => r.draft.sourceId === 'PBLN_000000000121282')!;
    const plan = planNoticeFiles(rec.draft.attachments);
    expect(plan.map((p) => [p.name, p.expected, p.fetch])).toEqual([
      ['2026년 경영환경개선 지원사업 공고문.hwp', 'hwp', true],
      ['참여신청서 서식.hwp', 'hwp', true],
      ['공고문(인쇄용).pdf', 'pdf', true],
    ]);
    expect(plan[2]!.url).toBe('https://www.bizinfo.go.kr/cmm/fms/getImageFile.do?atchFileId=FILE_000000000712346&fileSn=0');
  });

  it('pairs names by position; a file without a name is still fetched (the bytes tell its format)', () => {
    const batch = parseBizinfo(bizinfo);
    const rec = batch.records.find((r) => r.draft.sourceId === 'PBLN_000000000121330')!;
    expect(planNoticeFiles(rec.draft.attachments).map((p) => [p.name, p.fetch])).toEqual([
      ['공고문.pdf', true],
      ['신청서.hwp', true],
      ['첨부파일 3', true],
    ]);
  });

  it('does not fetch images, Office files or zips, says why, and drops duplicates', () => {
    const plan = planNoticeFiles([
      { url: 'https://a.example/1', name: '포스터.jpg' },
      { url: 'https://a.example/2', name: '서식.xlsx' },
      { url: 'https://a.example/3', name: '붙임.zip' },
      { url: 'https://a.example/4', name: '공고문.hwpx' },
      { url: 'https://a.example/4', name: '공고문(사본).hwpx' },
    ]);
    expect(plan.map((p) => [p.name, p.fetch, p.reason])).toEqual([
      ['포스터.jpg', false, '이미지 파일이라 내려받지 않았습니다'],
      ['서식.xlsx', false, 'MS Office 문서 파일이라 내려받지 않았습니다'],
      ['붙임.zip', false, '압축 파일(ZIP) 파일이라 내려받지 않았습니다'],
      ['공고문.hwpx', true, undefined],
    ]);
  });

  it(`fetches at most ${MAX_FILES_PER_VERSION} files of one version`, () => {
    const many = Array.from({ length: MAX_FILES_PER_VERSION + 2 }, (_, i) => ({ url: `https://a.example/${i}`, name: `붙임${i}.pdf` }));
    const plan = planNoticeFiles(many);
    expect(plan.filter((p) => p.fetch)).toHaveLength(MAX_FILES_PER_VERSION);
    expect(plan.at(-1)!.reason).toMatch(/앞의 10개/);
  });
});
