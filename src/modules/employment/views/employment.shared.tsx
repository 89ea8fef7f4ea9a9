import { EMPLOYER_TYPES, type AggregateFigures, type Figures, type PublicCount } from '../../../domain/recruitment/reemployment.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { type AppContext } from '../../../web/context.ts';
import { formatDate } from '../../../web/format.ts';

/** What the employment views share: the outcome in words, the figures table, a referral's record of sessions and jobs. */

export function outcomeText(t: Translate, r: { outcome: string | null; employerType: string | null; employedOn: string | null }, locale: string) {
  if (!r.outcome) return t('employment.outcome.none');
  if (r.outcome === 'employed')
    return t('employment.outcome.employedOn', {
      type: t(`employment.employer.${r.employerType ?? 'other'}`),
      date: formatDate(r.employedOn, locale),
    });
  return t(`employment.outcome.${r.outcome}`);
}

// ── contracts ──


export function FiguresTable({ t, f, title }: { t: Translate; f: Figures | AggregateFigures; title: string }) {
  const show = (n: PublicCount) => (n === 'lt5' ? t('employment.lessThan5') : String(n));
  const rate = f.rate === null ? t('employment.withheld') : `${(f.rate * 100).toFixed(1)}%`;
  const median = f.medianDaysToJob === null ? t('employment.withheld') : t('employment.days', { n: f.medianDaysToJob });
  return (
    <div class="krds-table-wrap">
      <table class="itda-table">
        <caption>{title}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('employment.fig.referred')}</th>
            <td>{show(f.referred)}</td>
          </tr>
          <tr>
            <th scope="row">{t('employment.fig.employed')}</th>
            <td>{show(f.employed)}</td>
          </tr>
          <tr>
            <th scope="row">{t('employment.fig.seeking')}</th>
            <td>{show(f.seeking)}</td>
          </tr>
          <tr>
            <th scope="row">{t('employment.fig.notSeeking')}</th>
            <td>{show(f.notSeeking)}</td>
          </tr>
          <tr>
            <th scope="row">{t('employment.fig.open')}</th>
            <td>{show(f.open)}</td>
          </tr>
          <tr>
            <th scope="row">{t('employment.fig.rate')}</th>
            <td>{rate}</td>
          </tr>
          <tr>
            <th scope="row">{t('employment.fig.median')}</th>
            <td>{median}</td>
          </tr>
          {EMPLOYER_TYPES.map((e) => (
            <tr>
              <th scope="row">{t('employment.fig.byType', { type: t(`employment.employer.${e}`) })}</th>
              <td>{show(f.byEmployerType[e])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}


export function Record(props: {
  c: AppContext;
  data: {
    sessions: { heldOn: string; mode: string; summary: string }[];
    jobs: { employer: string; jobTitle: string; referredOn: string; result: string }[];
  };
}) {
  const { c, data } = props;
  const t = c.var.t;
  return (
    <>
      <h2 class="itda-h2">{t('employment.sessions')}</h2>
      {data.sessions.length === 0 ? (
        <p>{t('employment.noSessions')}</p>
      ) : (
        <ul>
          {data.sessions.map((s) => (
            <li>
              {formatDate(s.heldOn, c.var.locale)} · {t(`employment.mode.${s.mode}`)} — {s.summary}
            </li>
          ))}
        </ul>
      )}
      <h2 class="itda-h2">{t('employment.jobs')}</h2>
      {data.jobs.length === 0 ? (
        <p>{t('employment.noJobs')}</p>
      ) : (
        <div class="krds-table-wrap">
          <table class="itda-table">
            <caption class="sr-only">{t('employment.jobs')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('employment.employer')}</th>
                <th scope="col">{t('employment.jobTitle')}</th>
                <th scope="col">{t('employment.referredOn')}</th>
                <th scope="col">{t('employment.jobResult')}</th>
              </tr>
            </thead>
            <tbody>
              {data.jobs.map((j) => (
                <tr>
                  <th scope="row">{j.employer}</th>
                  <td>{j.jobTitle}</td>
                  <td>{formatDate(j.referredOn, c.var.locale)}</td>
                  <td>{t(`employment.result.${j.result}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
