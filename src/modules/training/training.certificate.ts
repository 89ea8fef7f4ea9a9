import { pdfkit } from '../../heavy-libs.ts';
import { FONT_BOLD, FONT_REGULAR } from '../../web/pdf.ts';

/**
 * 수료증 (training completion certificate) as a PDF, A4 portrait, in Pretendard (OFL) from the
 * `pretendard` npm package. pdfkit embeds a subset of the OTF with the Hangul actually used;
 * WOFF/WOFF2 (KRDS's fonts) cannot be embedded in a PDF at all (docs/architecture.md, documents).
 */

export interface CertificateData {
  certificateNo: string;
  name: string;
  office: string | null;
  course: string;
  hours: number;
  requiredHours: number;
  firstSession: string | null; // e.g. 2027년 1월 4일
  lastSession: string | null;
  completedOn: string; // e.g. 2027년 1월 15일
  issuer: string;
  /** Demo data is labelled as such everywhere it is shown, printouts included. */
  sample?: boolean;
}

export function renderCertificate(d: CertificateData): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new (pdfkit())({
      size: 'A4',
      margins: { top: 72, bottom: 72, left: 72, right: 72 },
      info: { Title: `수료증 ${d.certificateNo}`, Author: d.issuer, Subject: d.course, Creator: '잇다 (Itda)' },
      lang: 'ko-KR',
      pdfVersion: '1.7',
      displayTitle: true,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('regular', FONT_REGULAR);
    doc.registerFont('bold', FONT_BOLD);

    const width = doc.page.width - 144;
    // A double frame, as Korean certificates usually have.
    doc
      .lineWidth(2)
      .strokeColor('#0b50d0')
      .rect(36, 36, doc.page.width - 72, doc.page.height - 72)
      .stroke();
    doc
      .lineWidth(0.8)
      .rect(44, 44, doc.page.width - 88, doc.page.height - 88)
      .stroke();

    doc.font('regular').fontSize(10).fillColor('#464c53').text(`제 ${d.certificateNo} 호`, 72, 80, { width, align: 'left' });
    if (d.sample) doc.font('bold').fillColor('#8a5a00').text('예시(데모) 데이터', 72, 80, { width, align: 'right' });

    doc.font('bold').fontSize(40).fillColor('#1e2124').text('수  료  증', 72, 150, { width, align: 'center', characterSpacing: 4 });

    const rows: [string, string][] = [
      ['성      명', d.name],
      ['소      속', d.office ? `${d.office} 공공사무원` : '공공사무원'],
      ['교육 과정', d.course],
      ['교육 기간', d.firstSession && d.lastSession ? `${d.firstSession} ~ ${d.lastSession}` : '—'],
      ['이수 시간', `${d.hours}시간 (기준 ${d.requiredHours}시간)`],
    ];
    let y = 270;
    for (const [k, v] of rows) {
      doc.font('bold').fontSize(13).fillColor('#464c53').text(k, 110, y, { width: 90 });
      doc
        .font('regular')
        .fontSize(13)
        .fillColor('#1e2124')
        .text(v, 210, y, { width: width - 150 });
      y = Math.max(doc.y, y + 18) + 12;
    }

    doc
      .font('regular')
      .fontSize(15)
      .fillColor('#1e2124')
      .text(`위 사람은 경기도 소상공인 지원 공공사무원 「${d.course}」 과정을 성실히 이수하였기에 이 증서를 드립니다.`, 100, y + 40, {
        width: width - 56,
        align: 'center',
        lineGap: 8,
      });

    doc.font('regular').fontSize(14).text(d.completedOn, 72, 600, { width, align: 'center' });
    doc.font('bold').fontSize(20).text(d.issuer, 72, 660, { width, align: 'center' });
    doc
      .font('regular')
      .fontSize(9)
      .fillColor('#6d7882')
      .text('이 수료증은 잇다(경기도 소상공인 지원 공공사무원 사업 운영 시스템)에서 발급했습니다.', 72, doc.page.height - 100, {
        width,
        align: 'center',
      });
    doc.end();
  });
}
