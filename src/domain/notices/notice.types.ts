import type { NoticeFormat } from './notice.format.ts';

/**
 * What reading one notice file gave:
 * - extracted: text found (it may still lack the sections we look for);
 * - empty: the file is readable but has no text (a scanned PDF: pages are pictures);
 * - encrypted: password-protected or 배포용(distribution) HWP, DRM, encrypted PDF/HWPX;
 * - unsupported: a format we do not read (HWP 3.0, images, Office files, other zips);
 * - failed: the file is damaged or not what it claims to be.
 * Anything but `extracted` is shown on the programme and review pages with a link to the original.
 */
export type ExtractStatus = 'extracted' | 'empty' | 'encrypted' | 'unsupported' | 'failed';

export interface Extraction {
  format: NoticeFormat;
  status: ExtractStatus;
  /** Plain text, one paragraph per line; table rows flattened to "cell | cell | cell". */
  text?: string;
  /** Korean reason for the page when status is not `extracted`. */
  error?: string;
}

/** Thrown inside the extractors; `extractNoticeText` turns it into an `Extraction`. */
export class ExtractError extends Error {
  constructor(
    readonly status: Exclude<ExtractStatus, 'extracted'>,
    message: string,
  ) {
    super(message);
    this.name = 'ExtractError';
  }
}

/**
 * Caps that keep a hostile or broken file from taking the worker down: a notice is a few pages;
 * 1,000,000 characters is some 400 A4 pages of Korean text.
 */
export const EXTRACT_LIMITS = {
  maxTextChars: 1_000_000,
  maxPdfPages: 300,
  /** Sum of decompressed bytes of the parts we read (HWPX sections, HWP BodyText streams): zip bombs. */
  maxInflatedBytes: 64 * 1024 * 1024,
} as const;
