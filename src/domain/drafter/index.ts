/** The rule drafter (issue 11 §4): notice text → drafted criteria with spans, for review. */
export { draftRule, criterionKey } from './drafter.ts';
export type { Draft, DraftedCriterion, DraftSpan, UnparsedSentence } from './drafter.types.ts';
