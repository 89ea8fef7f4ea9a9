/** Notice documents (공고문 첨부파일): formats, text extraction and section finding. Pure: bytes/text in. */
export * from './notice.types.ts';
export * from './notice.format.ts';
export { extractNoticeText } from './notice.extract.ts';
export { findSections, SECTION_KINDS, SECTION_LABELS, ELIGIBILITY_KINDS, type SectionKind, type NoticeSection } from './notice.sections.ts';
export { planNoticeFiles, MAX_FILES_PER_VERSION, type PlannedFile } from './notice.attachments.ts';
