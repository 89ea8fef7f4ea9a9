import type { Criterion } from '../eligibility/eligibility.types.ts';

/** Where a drafted criterion was read: offsets in UTF-16 code units of the input, end exclusive. */
export interface DraftSpan {
  readonly start: number;
  readonly end: number;
  /** Exactly `input.slice(start, end)`. */
  readonly text: string;
}

export interface DraftedCriterion {
  /** One criterion of the RuleSchema; `note` holds the notice's wording. */
  readonly rule: Criterion;
  readonly span: DraftSpan;
  /** 0..1: how sure the pattern is (see `PATTERN_CONFIDENCE` in drafter.patterns.ts). */
  readonly confidence: number;
  /** The pattern that produced it ("revenue.amount", "ksic.set"…): the explanation for the editor. */
  readonly pattern: string;
  /**
   * Criteria with the same number are alternatives ("예비창업자 또는 창업 3년 이내"): one of them is
   * enough. The editor groups them into `{ any: [...] }`; absent on plain criteria (all must hold).
   */
  readonly anyGroup?: number;
}

export interface UnparsedSentence {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Why it is listed, in Korean ("조건으로 읽지 못함", "단서 조항: 직접 확인", "제출서류 등 자격 외 항목"). */
  readonly reason: string;
}

export interface Draft {
  readonly criteria: DraftedCriterion[];
  readonly unparsed: UnparsedSentence[];
}
