import type { ProgrammeVerdict } from '../../domain/eligibility/index.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { ExplanationView } from '../programs/programs.rule-view.tsx';

/**
 * "요건 확인 전 공고 — 공고문을 직접 확인하세요" (issue 11 §2): programmes whose rule no catalogue editor
 * has reviewed yet, shown apart from the verdicts and never as "신청 가능". Only what is already known
 * to rule a business out (region, 휴·폐업) has been applied; what was checked is under "확인한 것".
 */
export function PendingGroup(props: { t: Translate; rows: readonly ProgrammeVerdict[]; info: ReadonlyMap<string, { id: number }> }) {
  const { t, rows } = props;
  if (!rows.length) return null;
  return (
    <section aria-labelledby="pending-title" class="itda-pending">
      <h3 class="itda-h3" id="pending-title">
        {t('eligibility.pendingTitle')} ({rows.length})
      </h3>
      <p class="form-hint">{t('eligibility.pendingLead')}</p>
      <ul class="itda-programme-list">
        {rows.map((r) => {
          const info = props.info.get(r.programmeKey);
          return (
            <li class="itda-card itda-verdict itda-verdict-unreviewed">
              <h4>{info ? <a href={`/programmes/${info.id}`}>{r.title}</a> : r.title}</h4>
              <p>
                <span class="itda-badge itda-badge-future">{t('verdict.unreviewed')}</span> {t('eligibility.pendingRead')}
              </p>
              {r.explanation && (
                <details>
                  <summary>{t('eligibility.pendingChecked')}</summary>
                  <ul class="itda-explanation">
                    <ExplanationView e={r.explanation} />
                  </ul>
                </details>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
