import { ELIGIBILITY_KINDS, findSections, SECTION_LABELS, type NoticeSection, type SectionKind } from './notice.sections.ts';

/**
 * The eligibility text of a programme version: its 지원대상, 신청자격 and 지원 제외 sections from
 * every source we have, in one text for the rule drafter (src/domain, `draftRule(text)`) and the
 * review page, with where each part came from. Each part keeps its heading line ("3. 지원 제외 대상")
 * because an item like "○ 국세 체납자" means "excluded" only under that heading.
 *
 * Sources, in this order: the feed's own fields (target text, e.g. K-Startup aply_trgt_ctnt and
 * aply_excl_trgt_ctnt, 보조금24 지원대상; the summary, where 기업마당 writes "☞ 지원대상 : …"), then the
 * attachments in their order. The same section read from two files (the HWP 공고문 and its PDF
 * print copy) is kept once.
 */
export interface EligibilitySource {
  /** 'field' = the feed's own text; 'document' = an attachment. */
  origin: 'field' | 'document';
  /** Field label ("공고 정보 · 지원대상") or the file name. */
  name: string;
  url?: string;
  documentId?: number;
}

export interface EligibilityPart {
  kind: SectionKind;
  source: EligibilitySource;
  heading: string;
  text: string;
  /** Offsets of heading + text in the combined `text`, [start, end), UTF-16 code units. */
  start: number;
  end: number;
}

export interface EligibilityText {
  /** Parts joined by blank lines; empty when nothing was found. */
  text: string;
  parts: EligibilityPart[];
}

export interface EligibilityInput {
  /** programme_version.target_text (지원대상 as the feed wrote it; "지원 제외: …" appended for K-Startup). */
  targetText?: string | null;
  /** programme_version.summary. */
  summary?: string | null;
  documents: { id?: number; fileName: string; url?: string; sections: readonly NoticeSection[] }[];
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

export function combineEligibilityText(input: EligibilityInput): EligibilityText {
  const candidates: { kind: SectionKind; source: EligibilitySource; heading: string; text: string }[] = [];
  const target = input.targetText?.trim();
  if (target) {
    const found = findSections(target);
    const lead = (found.length ? target.slice(0, found[0]!.start) : target).trim();
    const source: EligibilitySource = { origin: 'field', name: '공고 정보 · 지원대상' };
    if (lead) candidates.push({ kind: 'target', source, heading: SECTION_LABELS.target, text: lead });
    for (const s of found) if (ELIGIBILITY_KINDS.has(s.kind)) candidates.push({ kind: s.kind, source, heading: s.heading, text: s.text });
  }
  if (input.summary?.trim()) {
    const source: EligibilitySource = { origin: 'field', name: '공고 정보 · 사업개요' };
    for (const s of findSections(input.summary))
      if (ELIGIBILITY_KINDS.has(s.kind)) candidates.push({ kind: s.kind, source, heading: s.heading, text: s.text });
  }
  for (const d of input.documents) {
    const source: EligibilitySource = {
      origin: 'document',
      name: d.fileName,
      ...(d.url ? { url: d.url } : {}),
      ...(d.id !== undefined ? { documentId: d.id } : {}),
    };
    for (const s of d.sections)
      if (ELIGIBILITY_KINDS.has(s.kind)) candidates.push({ kind: s.kind, source, heading: s.heading, text: s.text });
  }
  const seen = new Set<string>();
  const parts: EligibilityPart[] = [];
  let text = '';
  for (const c of candidates) {
    const key = `${c.kind}\u0000${norm(c.text)}`;
    if (seen.has(key) || norm(c.text) === '') continue;
    seen.add(key);
    if (text) text += '\n\n';
    const start = text.length;
    text += `${c.heading}\n${c.text}`;
    parts.push({ ...c, start, end: text.length });
  }
  return { text, parts };
}
