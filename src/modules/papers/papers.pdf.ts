import type { Translate } from '../../i18n/i18n.ts';
import type { ConsentText } from '../../domain/consent-texts.ts';
import { factTable, gridTable, paperTitle, paragraph, renderPaper, sectionHeading, signatureBlock, tickChoices, type PaperInfo } from '../../web/pdf.ts';

/**
 * Papers a clerk prints and brings to the shop, ready to sign (issue 13 §3): 위임장, 개인정보
 * 동의서, the application summary of one participation, and the owner's one-page handout of the
 * programmes she may receive. Pure: data in, PDF bytes out (papers.service.ts gathers the data and
 * records the print). A fact Itda does not hold is printed as an empty box to fill in by hand.
 */

export interface PaperParties {
  business: { name: string; brn: string | null; address: string | null; ownerName: string | null; phone: string | null };
  clerk: { name: string | null; phone: string | null };
  office: { name: string | null; phone: string | null; address: string | null };
}

export interface PaperMeta {
  /** e.g. "PA-2026-1a2b3c4d": printed on the paper so a signed scan can be matched to its record. */
  docNo: string;
  printedOn: string;
  sample: boolean;
}

const footer = (m: PaperMeta) => `잇다 · 출력 ${m.printedOn} · 문서번호 ${m.docNo}`;
const info = (title: string, m: PaperMeta): PaperInfo => ({ title, footer: footer(m), sample: m.sample });

// ─── 위임장 ─────────────────────────────────────────────────────────────────────────────────────

export interface PowerOfAttorneyData extends PaperParties, PaperMeta {
  programme: { title: string; agency: string | null; periodEnd: string | null; applyUrl: string | null };
}

/**
 * 위임장: the owner (위임인) entrusts the clerk (수임인) with ONE application — that programme's
 * application and its documents, nothing else (a clerk acts only within what is written, 민법 §680).
 */
export function renderPowerOfAttorney(d: PowerOfAttorneyData): Promise<Buffer> {
  return renderPaper(info(`위임장 — ${d.programme.title}`, d), (doc) => {
    paperTitle(doc, '위 임 장', d.programme.title, 24);
    sectionHeading(doc, '위임하는 사람 (위임인)');
    factTable(doc, [
      ['대표자 성명', d.business.ownerName],
      ['상호', d.business.name],
      ['사업자등록번호', d.business.brn],
      ['사업장 주소', d.business.address],
      ['연락처', d.business.phone],
    ]);
    sectionHeading(doc, '위임받는 사람 (수임인)');
    factTable(doc, [
      ['성명', d.clerk.name],
      ['소속', d.office.name ? `${d.office.name} (경기도 소상공인 지원 공공사무원)` : '경기도 소상공인 지원 공공사무원'],
      ['연락처', d.clerk.phone ?? d.office.phone],
    ]);
    sectionHeading(doc, '위임하는 일');
    factTable(doc, [
      ['지원사업', d.programme.title],
      ['시행기관', d.programme.agency],
      ['신청 마감', d.programme.periodEnd],
      [
        '위임 범위',
        '위 지원사업의 신청서 작성과 제출, 구비서류의 발급 신청·제출·보완, 접수·결과 확인. 그 밖의 일(다른 사업 신청, 지원금 수령, 계약)은 위임하지 않습니다.',
      ],
      ['위임 기간', '서명한 날부터 위 지원사업의 결과가 나올 때까지'],
    ]);
    paragraph(doc, '위 사람에게 위의 일을 위임합니다. 주민등록번호는 적지 않으며, 서류에 있으면 가린 뒤 전달합니다(개인정보 보호법 제24조의2).', { size: 10 });
    signatureBlock(doc, [
      { role: '위임인', name: d.business.ownerName },
      { role: '수임인', name: d.clerk.name },
    ]);
  });
}

// ─── 개인정보 수집·이용 및 제3자 제공 동의서 ─────────────────────────────────────────────────────

export interface ConsentPaperData extends PaperParties, PaperMeta {
  /** Exactly the texts of the versions recorded with the consents (or in force, for a blank form). */
  texts: readonly ConsentText[];
  /** What Itda recorded, per kind: printed so the signed paper matches the record. */
  recorded: readonly { kind: ConsentText['kind']; version: string; givenOn: string; method: string }[];
}

export function renderConsent(d: ConsentPaperData): Promise<Buffer> {
  return renderPaper(info('개인정보 수집·이용 및 제3자 제공 동의서', d), (doc) => {
    paperTitle(doc, '개인정보 수집·이용 및 제3자 제공 동의서', `${d.business.name} · 대표자 ${d.business.ownerName ?? ''}`, 17);
    paragraph(
      doc,
      '경기도 소상공인 지원 공공사무원 사업(운영: 한국생산성본부)은 아래와 같이 개인정보를 처리합니다. 읽어 보시고 동의 여부를 표시해 주세요.',
      { size: 10 },
    );
    for (const text of d.texts) {
      const rec = d.recorded.find((r) => r.kind === text.kind);
      sectionHeading(doc, `${text.title} (문구 ${text.version})`);
      factTable(doc, text.items.map((i) => [i.label, i.text] as const), { size: 9.5, labelWidth: 110 });
      paragraph(doc, text.refusal, { size: 9.5 });
      tickChoices(doc, ['동의합니다', '동의하지 않습니다']);
      if (rec) paragraph(doc, `잇다 기록: ${rec.givenOn} ${rec.method} 동의 (문구 ${rec.version})`, { size: 8.5, color: '#464c53' });
    }
    signatureBlock(doc, [{ role: '정보주체 (대표자)', name: d.business.ownerName }]);
    paragraph(doc, `받은 사람: ${d.clerk.name ?? ''} (${d.office.name ?? ''}${d.office.phone ? `, ${d.office.phone}` : ''})`, { size: 9.5, color: '#464c53' });
  });
}

// ─── 신청 요약 ──────────────────────────────────────────────────────────────────────────────────

export interface SummaryData extends PaperParties, PaperMeta {
  programme: { title: string; agency: string | null; ministry: string | null; periodEnd: string | null; periodRaw: string | null; applyUrl: string | null; benefitMax: string | null };
  status: string;
  submittedOn: string | null;
  facts: readonly (readonly [string, string | null])[];
  checklist: readonly { name: string; state: string; validUntil: string | null; note: string | null }[];
  events: readonly { on: string; text: string }[];
}

export function renderSummary(d: SummaryData): Promise<Buffer> {
  return renderPaper(info(`신청 요약 — ${d.programme.title}`, d), (doc) => {
    paperTitle(doc, '지원사업 신청 요약', `${d.programme.title} · ${d.business.name}`, 18);
    sectionHeading(doc, '지원사업');
    factTable(doc, [
      ['사업명', d.programme.title],
      ['시행기관', [d.programme.ministry, d.programme.agency].filter(Boolean).join(' · ') || null],
      ['신청 기간', d.programme.periodRaw ?? d.programme.periodEnd],
      ['지원 한도', d.programme.benefitMax],
      ['신청 주소', d.programme.applyUrl],
      ['진행 단계', d.submittedOn ? `${d.status} (신청일 ${d.submittedOn})` : d.status],
    ]);
    sectionHeading(doc, '사업장과 대표자');
    factTable(doc, [
      ['상호', d.business.name],
      ['사업자등록번호', d.business.brn],
      ['대표자', d.business.ownerName],
      ['사업장 주소', d.business.address],
      ...d.facts,
    ]);
    sectionHeading(doc, '구비서류');
    if (d.checklist.length)
      gridTable(
        doc,
        ['서류', '상태', '유효기간', '메모'],
        d.checklist.map((c) => [c.name, c.state, c.validUntil ?? '', c.note ?? '']),
        [0.38, 0.17, 0.2, 0.25],
      );
    else paragraph(doc, '이 사업 공고에 적힌 구비서류가 없습니다. 공고문을 확인하세요.', { size: 10 });
    if (d.events.length) {
      sectionHeading(doc, '진행 기록');
      gridTable(doc, ['날짜', '내용'], d.events.map((e) => [e.on, e.text]), [0.25, 0.75]);
    }
    sectionHeading(doc, '연락처');
    factTable(doc, [
      ['담당 공공사무원', [d.clerk.name, d.clerk.phone].filter(Boolean).join(' · ') || null],
      ['사무소', [d.office.name, d.office.phone, d.office.address].filter(Boolean).join(' · ') || null],
    ]);
  });
}

// ─── 받을 수 있는 지원사업 (handout) ────────────────────────────────────────────────────────────

export interface HandoutData extends PaperParties, PaperMeta {
  /** The reference date of the verdicts (the day printed). */
  asOf: string;
  eligible: readonly { title: string; agency: string | null; until: string | null; why: string | null }[];
  /** Programmes that need one or more facts first: what to bring or tell. */
  needMore: readonly { title: string; until: string | null; ask: string }[];
  /** Rules not yet reviewed by the operator: the notice itself decides (issue 11 §2). */
  unreviewed: number;
}

/**
 * One page for the owner, in large plain type: what she can apply for now, what needs one more fact,
 * and whom to call. Only reviewed rules count as "신청할 수 있어요" (the notices issue). In the
 * owner's language (issue 13 §4, `t` and `lang`); programme names stay Korean, as on the notices
 * she will be asked about, and a translated paper says so.
 */
export function renderHandout(d: HandoutData & { t: Translate; lang?: string }): Promise<Buffer> {
  const { t } = d;
  const pdfLang = d.lang === 'zh' ? 'zh-Hans' : d.lang && d.lang !== 'ko' ? d.lang : 'ko-KR';
  return renderPaper({ ...info(`${t('handout.title')} — ${d.business.name}`, d), lang: pdfLang }, (doc) => {
    paperTitle(doc, t('handout.title'), t('handout.subtitle', { business: d.business.name, date: d.asOf }), 22);
    sectionHeading(doc, t('handout.eligible', { n: d.eligible.length }), 15);
    if (d.eligible.length)
      for (const e of d.eligible.slice(0, 8)) {
        paragraph(doc, `■ ${e.title}`, { size: 13, bold: true });
        const line = [e.agency, e.until ? t('handout.deadline', { date: e.until }) : null].filter(Boolean).join(' · ');
        if (line) paragraph(doc, `   ${line}`, { size: 11.5, color: '#464c53' });
      }
    else paragraph(doc, t('handout.noneEligible'), { size: 12.5 });
    if (d.eligible.length > 8) paragraph(doc, t('handout.more', { n: d.eligible.length - 8 }), { size: 12 });
    if (d.needMore.length) {
      sectionHeading(doc, t('handout.needMore'), 15);
      for (const n of d.needMore.slice(0, 6)) paragraph(doc, `□ ${n.title}${n.until ? ` (${t('handout.deadline', { date: n.until })})` : ''} — ${n.ask}`, { size: 12 });
    }
    if (d.unreviewed) paragraph(doc, t('handout.unreviewed', { n: d.unreviewed }), { size: 11.5, color: '#464c53' });
    sectionHeading(doc, t('handout.contact'), 15);
    paragraph(doc, [d.clerk.name ? t('handout.clerk', { name: d.clerk.name }) : null, d.clerk.phone ?? d.office.phone].filter(Boolean).join(' · ') || t('handout.nearestOffice'), {
      size: 14,
      bold: true,
    });
    if (d.office.name) paragraph(doc, [d.office.name, d.office.phone, d.office.address].filter(Boolean).join(' · '), { size: 12 });
    paragraph(doc, t('handout.free'), { size: 12 });
    if (d.lang && d.lang !== 'ko') paragraph(doc, t('handout.namesNote'), { size: 10.5, color: '#464c53' });
  });
}
