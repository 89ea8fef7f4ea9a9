/**
 * Outreach verdicts per request (issue 12 §3): 30,000 registry shops of one 시·군 (KSIC codes drawn
 * from 400 distinct ones) × a generated catalogue of 50 and of 2,000 programmes, by
 * `matchShops` (the verdict matrix over distinct (시·도, 시·군, KSIC) triples, plus the oracle's missing
 * facts for unknown cells). Prints the median of 5 runs. The database read of the shops is not in this
 * figure (measured on the page: "판정 … ms" under the programme table). `npm run bench:outreach`.
 */
import { generateCatalogue } from '../src/domain/eligibility/index.ts';
import { planVersion } from '../src/domain/matching/index.ts';
import { matchShops } from '../src/domain/outreach/outreach.match.ts';

const SHOPS = Number(process.env.BENCH_SHOPS ?? 30_000);
const ksics = Array.from({ length: 400 }, (_, i) => String(10000 + ((i * 2203) % 89999)).padStart(5, '0'));
const shops = Array.from({ length: SHOPS }, (_, i) => ({ id: String(i), sidoCode: '41', municipalityCode: '41110', ksicCode: ksics[(i * 7919) % ksics.length]! }));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const n of [50, 2000]) {
  const plans = generateCatalogue(n, 20261206).map((p) => planVersion({ key: p.key, rule: p.rule, ruleReview: 'reviewed', nationwide: false, sido: ['41'], municipalities: [] }));
  const times: number[] = [];
  let last = null as ReturnType<typeof matchShops> | null;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    last = matchShops(shops, plans, '2026-12-06');
    times.push(performance.now() - t0);
  }
  let eligible = 0;
  for (const v of last!.verdicts.values()) if (v.status === 'eligible') eligible++;
  console.log(`${SHOPS} shops (${last!.rows} distinct triples) × ${n} programmes: median ${median(times).toFixed(0)} ms (runs ${times.map((t) => t.toFixed(0)).join(', ')}); may qualify ${last!.verdicts.size}, eligible ${eligible}`);
}
