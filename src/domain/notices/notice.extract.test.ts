import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeNoticeHwp, makeNoticeHwpx, makeNoticePdf } from '../../../test/fixtures/notices/notice-fixtures.ts';
import { extractNoticeText } from './notice.extract.ts';
import { decodeParaText } from './notice.hwp.ts';
import { findSections } from './notice.sections.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/notices');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

/** What every format must give for the sample notice (see test/fixtures/notices/README.md). */
function expectSampleNotice(text: string) {
  expect(text).toContain('2026년 ○○시 소상공인 경영환경개선 지원사업 참여자 모집 공고 (예시)');
  expect(text).toContain('○ 공고일 현재 ○○시에 사업자등록을 두고 6개월 이상 영업 중인 소상공인');
  expect(text).toContain('○ 국세·지방세 체납자 (단, 분납 중인 경우는 제외)');
  // Paragraph order is kept.
  expect(text.indexOf('1. 지원대상')).toBeLessThan(text.indexOf('2. 신청자격'));
  expect(text.indexOf('2. 신청자격')).toBeLessThan(text.indexOf('3. 지원 제외 대상'));
  const sections = findSections(text);
  expect(sections.map((s) => [s.kind, s.heading])).toEqual([
    ['target', '1. 지원대상'],
    ['qualification', '2. 신청자격'],
    ['exclusion', '3. 지원 제외 대상'],
    ['documents', 'Ⅳ. 제출서류'],
  ]);
  expect(sections[0]!.text).toBe(
    '○ 공고일 현재 ○○시에 사업자등록을 두고 6개월 이상 영업 중인 소상공인\n○ 상시근로자 5인 미만 (제조업·건설업·운수업은 10인 미만)',
  );
  expect(sections[2]!.text.split('\n')).toHaveLength(3);
}

describe('extractNoticeText on the sample files', () => {
  it('reads the PDF (Korean text, embedded Pretendard) with pdf.js', async () => {
    const r = await extractNoticeText(fixture('sample-notice.pdf'), '공고문.pdf');
    expect(r).toMatchObject({ format: 'pdf', status: 'extracted' });
    expectSampleNotice(r.text!);
  });

  it('reads the HWPX (OWPML) and flattens its table to "cell | cell" rows', async () => {
    const r = await extractNoticeText(fixture('sample-notice.hwpx'), '공고문.hwpx');
    expect(r).toMatchObject({ format: 'hwpx', status: 'extracted' });
    expectSampleNotice(r.text!);
    expect(r.text).toContain('구분 | 내용\n사업명 | 소상공인 경영환경개선 지원사업\n지원규모 | 50개 업체 내외');
  });

  it('reads the HWP 5.0 (compressed BodyText records) and its table', async () => {
    const r = await extractNoticeText(fixture('sample-notice.hwp'), '공고문.hwp');
    expect(r).toMatchObject({ format: 'hwp', status: 'extracted' });
    expectSampleNotice(r.text!);
    expect(r.text).toContain('사업명 | 소상공인 경영환경개선 지원사업');
  });

  it('decides by the bytes, not the name: a PDF called .hwp is read as PDF', async () => {
    const r = await extractNoticeText(fixture('sample-notice.pdf'), '공고문.hwp');
    expect(r.format).toBe('pdf');
    expect(r.status).toBe('extracted');
  });

  it('reads an uncompressed HWP 5.0 too', async () => {
    const r = await extractNoticeText(makeNoticeHwp([{ p: '지원대상: 도내 소상공인' }], { compressed: false }), 'a.hwp');
    expect(r).toEqual({ format: 'hwp', status: 'extracted', text: '지원대상: 도내 소상공인' });
  });
});

describe('files that cannot be read say why', () => {
  it('a PDF with no text (a scan) is empty, with the reason', async () => {
    const r = await extractNoticeText(await makeNoticePdf(undefined, { imageOnly: true }), 'scan.pdf');
    expect(r).toMatchObject({ format: 'pdf', status: 'empty' });
    expect(r.error).toMatch(/스캔/);
  });

  it('a password-protected PDF is encrypted', async () => {
    const r = await extractNoticeText(await makeNoticePdf(undefined, { userPassword: 'secret' }), 'locked.pdf');
    expect(r).toMatchObject({ format: 'pdf', status: 'encrypted' });
  });

  it('a 배포용 HWP and a password HWP are encrypted', async () => {
    const dist = await extractNoticeText(makeNoticeHwp(undefined, { distribution: true }), 'a.hwp');
    expect(dist).toMatchObject({ format: 'hwp', status: 'encrypted' });
    expect(dist.error).toMatch(/배포용/);
    const locked = await extractNoticeText(makeNoticeHwp(undefined, { password: true }), 'b.hwp');
    expect(locked).toMatchObject({ format: 'hwp', status: 'encrypted' });
  });

  it('HWP 3.0, images, plain zips and HTML pages are not read', async () => {
    const hwp3 = Buffer.concat([Buffer.from('HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05', 'latin1'), Buffer.alloc(64)]);
    expect(await extractNoticeText(hwp3, 'old.hwp')).toMatchObject({ format: 'hwp3', status: 'unsupported' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(await extractNoticeText(png, 'poster.png')).toMatchObject({ format: 'image', status: 'unsupported' });
    const zip = zipSync({ 'a.txt': strToU8('hello') });
    expect(await extractNoticeText(zip, '서식.zip')).toMatchObject({ format: 'zip', status: 'unsupported' });
    const html = Buffer.from('<!DOCTYPE html><html><body>파일을 찾을 수 없습니다</body></html>');
    expect(await extractNoticeText(html, '공고문.hwp')).toMatchObject({ format: 'unknown', status: 'unsupported' });
  });

  it('a damaged file fails with a reason instead of throwing', async () => {
    const pdf = fixture('sample-notice.pdf');
    const broken = Buffer.concat([pdf.subarray(0, 200), Buffer.alloc(300, 0x20)]);
    const r = await extractNoticeText(broken, 'x.pdf');
    expect(['failed', 'empty']).toContain(r.status);
    expect(r.error).toBeTruthy();
    const hwpx = Buffer.from(makeNoticeHwpx());
    const cut = await extractNoticeText(hwpx.subarray(0, hwpx.length - 400), 'x.hwpx');
    expect(cut).toMatchObject({ format: 'hwpx', status: 'failed' });
    const ole = makeNoticeHwp();
    const bad = await extractNoticeText(Buffer.concat([ole.subarray(0, 512), Buffer.alloc(64)]), 'x.hwp');
    expect(bad.status).toBe('failed');
  });

  it('an HWPX whose section is not well-formed XML fails (no partial nonsense)', async () => {
    const zip = zipSync({
      mimetype: [strToU8('application/hwp+zip'), { level: 0 }],
      'Contents/section0.xml': strToU8('<hs:sec><hp:p><hp:t>지원대상</hp:p>'),
    });
    expect(await extractNoticeText(zip, 'x.hwpx')).toMatchObject({ format: 'hwpx', status: 'failed' });
  });

  it('an HWPX with a DTD entity is refused, not expanded (no XXE / billion laughs)', async () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE sec [<!ENTITY x SYSTEM "file:///etc/passwd">]><hs:sec xmlns:hs="s" xmlns:hp="p"><hp:p><hp:run><hp:t>&x;</hp:t></hp:run></hp:p></hs:sec>';
    const zip = zipSync({ mimetype: [strToU8('application/hwp+zip'), { level: 0 }], 'Contents/section0.xml': strToU8(xml) });
    const r = await extractNoticeText(zip, 'x.hwpx');
    expect(r.status).toBe('failed');
    expect(r.text ?? '').not.toContain('root:');
  });
});

describe('HWP PARA_TEXT decoding', () => {
  it('skips 8-unit controls, keeps tabs and line breaks, drops the paragraph end', () => {
    const units = [0x0041, 9, 0, 0, 0, 0, 0, 0, 9, 0x0042, 11, 0x6c74, 0x2062, 0, 0, 0, 0, 11, 10, 0xac00, 13];
    const buf = Buffer.alloc(units.length * 2);
    units.forEach((u, i) => buf.writeUInt16LE(u, i * 2));
    expect(decodeParaText(buf)).toBe('A\tB\n가');
  });
});
