/**
 * Itda's figures (issue 5: "every figure has one definition in code"). Pure functions, no I/O:
 *
 * - figures.ts      — 지원 사업체, 신청, 선정, 수혜, 수혜 금액, funnel and rates, durations (medians),
 *                     breakdowns by 권역 / 사무소 / 공공사무원 / 지원사업 / 분야, top programmes, trend;
 * - satisfaction.ts — the 3-question survey and its 100-point figure;
 * - suppression.ts  — what the province may see ("5 미만", withheld derived figures);
 * - caseload.ts     — caseload balance, hand-over plan, clerks without activity, calendar grid;
 * - access-review.ts— flags for the monthly review of access records (§8);
 * - period.ts       — Korean calendar periods and months.
 *
 * The database counts facts (src/modules/reports/reports.repository.ts); these functions turn
 * facts into figures for the dashboards, the .xlsx exports, the monthly report and the API.
 * test/integration/reports.metrics.test.ts checks every figure against a hand-computed fixture.
 */
export * from './period.ts';
export * from './figures.ts';
export * from './satisfaction.ts';
export * from './suppression.ts';
export * from './caseload.ts';
export * from './access-review.ts';
