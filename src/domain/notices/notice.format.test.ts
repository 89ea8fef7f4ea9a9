import { describe, expect, it } from 'vitest';
import { extensionOf, formatFromName, sniffFormat } from './notice.format.ts';

describe('sniffFormat (magic bytes)', () => {
  it('knows PDF, HWP 5.0 (OLE), HWP 3.0, HWPX and Office zips, images', () => {
    expect(sniffFormat(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFormat(Buffer.from('\ufeff%PDF-1.4\n'))).toBe('pdf');
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(sniffFormat(ole, '공고문.hwp')).toBe('hwp');
    expect(sniffFormat(ole, '서식.xls')).toBe('ole');
    expect(sniffFormat(Buffer.from('HWP Document File V3.00 \x1a', 'latin1'))).toBe('hwp3');
    const hwpx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('\0\0\0\0mimetypeapplication/hwp+zip')]);
    expect(sniffFormat(hwpx)).toBe('hwpx');
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('\0\0[Content_Types].xml')]);
    expect(sniffFormat(docx, 'a.docx')).toBe('office');
    expect(sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image');
    expect(sniffFormat(Buffer.from('<html>…</html>'))).toBe('unknown');
    expect(sniffFormat(Buffer.from('지원대상: 소상공인'))).toBe('text');
    expect(sniffFormat(Buffer.from([0, 1, 2, 3, 4]))).toBe('unknown');
  });

  it('reads the extension of Korean file names', () => {
    expect(extensionOf('공고문(인쇄용).PDF')).toBe('pdf');
    expect(extensionOf('첨부파일 3')).toBeUndefined();
    expect(formatFromName('2026년 공고문.hwpx')).toBe('hwpx');
    expect(formatFromName('신청서.hwp')).toBe('hwp');
    expect(formatFromName('포스터.jpg')).toBe('image');
    expect(formatFromName('첨부파일 3')).toBe('unknown');
  });
});
