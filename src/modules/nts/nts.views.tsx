import type { Translate } from '../../i18n/i18n.ts';
import { Button, CsrfField } from '../../web/components/index.ts';
import { kstDate } from '../../domain/korean-time.ts';

export interface NtsView {
  configured: boolean;
  stale: boolean;
  business: {
    id: string;
    brn: string | null;
    closedOn: string | null;
    ntsCheckedAt: Date | null;
    ntsState: 'active' | 'suspended' | 'closed' | 'unregistered' | null;
    ntsError: string | null;
    ntsErrorAt: Date | null;
  };
}

/**
 * Where 영업 상태 came from (issue 11 §6): "계속사업자 · 국세청 조회 2026-12-02", a stale or failed
 * check, or that the check is not connected — next to the fact on the business page.
 */
export function NtsStatusLine(props: { t: Translate; v: NtsView; canWrite: boolean; csrfToken: string }) {
  const { t, v } = props;
  const b = v.business;
  if (!b.brn) return null;
  return (
    <div class="itda-nts" data-nts-state={b.ntsState ?? 'none'}>
      {!v.configured ? (
        <p class="form-hint">{t('nts.notConnected')}</p>
      ) : (
        <>
          {b.ntsState && b.ntsCheckedAt ? (
            <p class="form-hint">
              {t(`nts.state.${b.ntsState}`)}
              {b.ntsState === 'closed' && b.closedOn ? ` · ${t('nts.closedOn', { date: b.closedOn })}` : ''} · {t('nts.checkedOn', { date: kstDate(b.ntsCheckedAt) })}
            </p>
          ) : (
            <p class="form-hint">{t('nts.never')}</p>
          )}
          {b.ntsState === 'unregistered' && <p class="itda-text-warning">{t('nts.unregisteredHint')}</p>}
          {v.stale && b.ntsCheckedAt && <p class="itda-text-warning">{t('nts.stale')}</p>}
          {b.ntsError && b.ntsErrorAt && <p class="itda-text-warning">{t('nts.failed', { date: kstDate(b.ntsErrorAt), reason: b.ntsError })}</p>}
          {props.canWrite && (
            <form method="post" action={`/businesses/${b.id}/nts-check`}>
              <CsrfField token={props.csrfToken} />
              <Button variant="secondary" size="small">
                {t('nts.check')}
              </Button>
            </form>
          )}
        </>
      )}
    </div>
  );
}
