import type { Hono } from 'hono';
import { Button, CsrfField, ErrorSummary, RadioGroup, Textarea, valueOf, type FieldErrors, type FormValues } from '../../web/components/index.ts';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { DemoBadge, Layout, Notice, PageHeader } from '../../web/layout.tsx';
import { addMonths } from '../../domain/metrics/period.ts';
import { formatMonth } from '../reports/reports.tables.ts';
import type { OperationsService } from './operations.service.ts';

type Overview = Awaited<ReturnType<OperationsService['overview']>>;
type Calendar = Awaited<ReturnType<OperationsService['calendar']>>;
type Handover = Awaited<ReturnType<OperationsService['handoverForm']>>;

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function SubNav({ c, current }: { c: AppContext; current: string }) {
  const t = c.var.t;
  const items = [
    ['/operations', t('operations.overview')],
    ['/operations/calendar', t('operations.calendar')],
    ['/operations/handover', t('operations.handover')],
  ];
  return (
    <nav class="itda-dim-links" aria-label={t('operations.title')}>
      {items.map(([href, label]) => (href === current ? <strong aria-current="page">{label}</strong> : <a href={href}>{label}</a>))}
      <a href="/caseload">{t('operations.caseloadPage')}</a>
      <a href="/reports">{t('nav.reports')}</a>
    </nav>
  );
}

function OverviewPage({ c, o }: { c: AppContext; o: Overview }) {
  const t = c.var.t;
  const n = (x: number | null) => (x === null ? '—' : new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 1 }).format(x));
  return (
    <Layout c={c} title={t('operations.title')}>
      {c.req.query('notice') === 'handover' && <Notice kind="success">{t('operations.handedOver', { n: c.req.query('n') ?? '0' })}</Notice>}
      <PageHeader title={t('operations.title')} lead={t('operations.lead')} />
      <SubNav c={c} current="/operations" />
      {o.orphans.length > 0 && (
        <Notice kind="warning" role="alert">
          {t('operations.orphans', { n: o.orphans.reduce((s, x) => s + x.businesses, 0) })}{' '}
          {o.orphans.map((x) => (
            <a href={`/operations/handover?clerk=${x.id}`}>
              {x.displayName} ({x.businesses})
            </a>
          ))}
        </Notice>
      )}
      <section class="itda-report-section" aria-labelledby="offices-h">
        <h2 class="itda-h2" id="offices-h">
          {t('operations.offices')}
        </h2>
        <div class="krds-table-wrap">
          <table class="itda-table itda-table-compact">
            <caption class="sr-only">{t('operations.offices')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.dim.office')}</th>
                <th scope="col">{t('reports.dim.region')}</th>
                <th scope="col" class="itda-num">{t('operations.clerks')}</th>
                <th scope="col" class="itda-num">{t('operations.businesses')}</th>
                <th scope="col" class="itda-num">{t('operations.unassigned')}</th>
                <th scope="col" class="itda-num">{t('operations.mean')}</th>
                <th scope="col" class="itda-num">{t('operations.range')}</th>
                <th scope="col" class="itda-num">CV</th>
              </tr>
            </thead>
            <tbody>
              {o.offices.map((x) => (
                <tr>
                  <th scope="row">
                    {x.name} {x.isDemo && <DemoBadge label={t('demo.badge')} />}
                  </th>
                  <td>{x.regionName}</td>
                  <td class="itda-num">{n(x.clerks)}</td>
                  <td class="itda-num">{n(x.businesses)}</td>
                  <td class="itda-num">{x.unassigned > 0 ? <a href="/caseload?unassigned=1">{n(x.unassigned)}</a> : '0'}</td>
                  <td class="itda-num">{n(x.balance.mean)}</td>
                  <td class="itda-num">{x.balance.clerks ? `${x.balance.min}–${x.balance.max}` : '—'}</td>
                  <td class="itda-num">{n(x.balance.cv)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="form-hint">{t('operations.balanceNote')}</p>
      </section>
      <section class="itda-report-section" aria-labelledby="loads-h">
        <h2 class="itda-h2" id="loads-h">
          {t('reports.table.caseload')}
        </h2>
        <p>{t('reports.caseloadLead', { mean: n(o.balance.mean), cv: n(o.balance.cv) })}</p>
        <div class="krds-table-wrap">
          <table class="itda-table itda-table-compact">
            <caption class="sr-only">{t('reports.table.caseload')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.dim.clerk')}</th>
                <th scope="col">{t('reports.dim.office')}</th>
                <th scope="col" class="itda-num">{t('reports.col.caseload')}</th>
                <th scope="col" class="itda-num">{t('reports.col.open')}</th>
                <th scope="col">{t('reports.col.balance')}</th>
                <th scope="col">{t('operations.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {o.loads.map((l) => (
                <tr>
                  <th scope="row">{l.name}</th>
                  <td>{l.officeName ?? '—'}</td>
                  <td class="itda-num">{n(l.businesses)}</td>
                  <td class="itda-num">{n(l.open)}</td>
                  <td>{o.balance.over.includes(l) ? <span class="itda-flag">{t('reports.over')}</span> : o.balance.under.includes(l) ? t('reports.under') : ''}</td>
                  <td>
                    <a href={`/operations/calendar?clerk=${l.clerkId}`}>{t('operations.calendar')}</a> · <a href={`/operations/handover?clerk=${l.clerkId}`}>{t('operations.handover')}</a>
                    <span class="sr-only"> ({l.name})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="itda-report-section" aria-labelledby="idle-h">
        <h2 class="itda-h2" id="idle-h">
          {t('reports.table.inactive', { n: o.idleDays })}
        </h2>
        <form method="get" action="/operations" class="itda-filters">
          <div class="form-group">
            <div class="form-tit">
              <label for="f-idleDays">{t('reports.filter.idleDays')}</label>
            </div>
            <div class="form-conts">
              <input type="number" id="f-idleDays" name="idleDays" class="krds-input" min="1" max="365" value={String(o.idleDays)} inputmode="numeric" />
            </div>
          </div>
          <Button variant="secondary">{t('reports.apply')}</Button>
        </form>
        {o.inactive.length === 0 ? (
          <p>{t('operations.noneIdle')}</p>
        ) : (
          <ul class="itda-list">
            {o.inactive.map((x) => (
              <li>
                <a href={`/operations/calendar?clerk=${x.clerkId}`}>{x.name}</a> ({x.officeName ?? '—'}): {x.lastActivityOn ? t('operations.lastActivity', { date: x.lastActivityOn, n: x.idleDays ?? 0 }) : t('operations.neverActive')}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

function CalendarPage({ c, cal }: { c: AppContext; cal: Calendar }) {
  const t = c.var.t;
  const locale = c.var.locale;
  const qs = (over: Record<string, string | null>) => {
    const q = new URLSearchParams();
    const base: Record<string, string | null> = { month: cal.month, clerk: cal.clerk?.id ?? null, office: cal.fixedOffice || cal.officeId === null ? null : String(cal.officeId) };
    for (const [k, v] of Object.entries({ ...base, ...over })) if (v) q.set(k, v);
    return q.toString();
  };
  const who = cal.clerk ? cal.clerk.displayName : cal.officeId !== null ? (cal.offices.find((o) => o.id === cal.officeId)?.name ?? '') : t('operations.allOffices');
  return (
    <Layout c={c} title={t('operations.calendar')}>
      <PageHeader title={t('operations.calendar')} lead={t('operations.calendarLead')} />
      <SubNav c={c} current="/operations/calendar" />
      <form method="get" action="/operations/calendar" class="itda-filters">
        <div class="form-group">
          <div class="form-tit">
            <label for="f-month">{t('reports.monthly.month')}</label>
          </div>
          <div class="form-conts">
            <input type="month" id="f-month" name="month" class="krds-input" value={cal.month} />
          </div>
        </div>
        {!cal.fixedOffice && (
          <div class="form-group">
            <div class="form-tit">
              <label for="f-office">{t('reports.dim.office')}</label>
            </div>
            <div class="form-conts">
              <select id="f-office" name="office" class="krds-form-select">
                <option value="">{t('operations.allOffices')}</option>
                {cal.offices.map((o) => (
                  <option value={String(o.id)} selected={o.id === cal.officeId}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
        <div class="form-group">
          <div class="form-tit">
            <label for="f-clerk">{t('reports.dim.clerk')}</label>
          </div>
          <div class="form-conts">
            <select id="f-clerk" name="clerk" class="krds-form-select">
              <option value="">{t('common.all')}</option>
              {cal.clerks.map((k) => (
                <option value={k.id} selected={k.id === cal.clerk?.id}>
                  {k.displayName}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Button variant="secondary">{t('reports.apply')}</Button>
      </form>
      <p class="itda-dim-links">
        <a href={`/operations/calendar?${qs({ month: addMonths(cal.month, -1) })}`}>← {formatMonth(addMonths(cal.month, -1), locale)}</a>
        <a href={`/operations/calendar?${qs({ month: addMonths(cal.month, 1) })}`}>{formatMonth(addMonths(cal.month, 1), locale)} →</a>
      </p>
      <div class="krds-table-wrap">
        <table class="itda-calendar">
          <caption>{t('operations.calendarCaption', { month: formatMonth(cal.month, locale), who, n: cal.total })}</caption>
          <thead>
            <tr>
              {WEEKDAYS.map((d) => (
                <th scope="col">
                  <abbr title={t(`operations.weekday.${d}`)}>{t(`operations.weekdayShort.${d}`)}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cal.weeks.map((w) => (
              <tr>
                {w.map((d) =>
                  d ? (
                    <td class={`${d.weekend ? 'itda-weekend ' : ''}itda-cal-${d.count > 0 ? 'n' : '0'}`}>
                      <span class="itda-cal-day">{d.day}</span>
                      <span class="itda-cal-count">{d.count > 0 ? t('operations.activities', { n: d.count }) : '·'}</span>
                    </td>
                  ) : (
                    <td aria-hidden="true"></td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="itda-h2">{t('operations.perClerk')}</h2>
      <div class="krds-table-wrap">
        <table class="itda-table itda-table-compact">
          <caption class="sr-only">{t('operations.perClerk')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.dim.clerk')}</th>
              <th scope="col" class="itda-num">{t('operations.activitiesCol')}</th>
              <th scope="col" class="itda-num">{t('operations.activeDays')}</th>
            </tr>
          </thead>
          <tbody>
            {cal.perClerk.map((p) => (
              <tr>
                <th scope="row">
                  <a href={`/operations/calendar?${qs({ clerk: p.id })}`}>{p.name}</a>
                </th>
                <td class="itda-num">{p.activities}</td>
                <td class="itda-num">{p.activeDays}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

function HandoverPage(props: { c: AppContext; h: Handover; values?: FormValues; errors?: FieldErrors; message?: string }) {
  const { c, h } = props;
  const t = c.var.t;
  const s = h.selected;
  const planned = new Map<string, number>();
  for (const l of s?.plan ?? []) planned.set(l.clerkId, (planned.get(l.clerkId) ?? 0) + 1);
  const values = props.values ?? { mode: 'balance' };
  return (
    <Layout c={c} title={t('operations.handover')}>
      <PageHeader title={t('operations.handover')} lead={t('operations.handoverLead')} />
      <SubNav c={c} current="/operations/handover" />
      <ErrorSummary t={t} errors={props.errors} message={props.message} />
      <form method="get" action="/operations/handover" class="itda-filters">
        <div class="form-group">
          <div class="form-tit">
            <label for="f-clerk">{t('operations.leaving')}</label>
          </div>
          <div class="form-conts">
            <select id="f-clerk" name="clerk" class="krds-form-select">
              <option value="">{t('common.choose')}</option>
              {h.candidates.map((k) => (
                <option value={k.clerkId} selected={k.clerkId === s?.from.id}>
                  {`${k.name} (${k.officeName ?? '—'}, ${k.businesses})`}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Button variant="secondary">{t('operations.show')}</Button>
      </form>
      {s && (
        <>
          <h2 class="itda-h2">{t('operations.handoverOf', { name: s.from.displayName, n: s.businesses.length })}</h2>
          {s.businesses.length === 0 ? (
            <Notice kind="success">{t('operations.nothingHeld')}</Notice>
          ) : (
            <form method="post" action="/operations/handover" class="itda-form itda-form-wide" novalidate>
              <CsrfField token={c.var.csrfToken} />
              <input type="hidden" name="fromClerkId" value={s.from.id} />
              <RadioGroup
                t={t}
                prefix="f"
                name="mode"
                label={t('operations.mode')}
                values={values}
                errors={props.errors}
                options={[
                  { value: 'balance', label: t('operations.mode.balance', { n: s.targets.length }) },
                  { value: 'one', label: t('operations.mode.one') },
                ]}
                required
              />
              <div class="form-group">
                <div class="form-tit">
                  <label for="f-toClerkId">{t('operations.to')}</label>
                </div>
                <div class={props.errors?.toClerkId ? 'form-conts is-error' : 'form-conts'}>
                  <select id="f-toClerkId" name="toClerkId" class="krds-form-select">
                    <option value="">{t('common.choose')}</option>
                    {s.targets.map((k) => (
                      <option value={k.id} selected={valueOf(values, 'toClerkId') === k.id}>
                        {`${k.displayName} (${k.businesses})`}
                      </option>
                    ))}
                    {s.untrained.map((k) => (
                      <option value={k.id} selected={valueOf(values, 'toClerkId') === k.id}>
                        {`${k.displayName} (${k.businesses}) — ${t('operations.untrained')}`}
                      </option>
                    ))}
                  </select>
                </div>
                {props.errors?.toClerkId && <p class="form-hint-invalid">{props.errors.toClerkId}</p>}
              </div>
              <Textarea t={t} prefix="f" name="note" label={t('operations.note')} values={values} errors={props.errors} rows={2} maxlength={300} />
              {s.untrained.length > 0 && <p class="form-hint">{t('operations.untrainedExcluded', { names: s.untrained.map((k) => k.displayName).join(', ') })}</p>}
              <div class="krds-table-wrap">
                <table class="itda-table itda-table-compact">
                  <caption>{t('operations.planCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('reports.dim.clerk')}</th>
                      <th scope="col" class="itda-num">{t('operations.now')}</th>
                      <th scope="col" class="itda-num">{t('operations.receives')}</th>
                      <th scope="col" class="itda-num">{t('operations.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.targets.map((k) => (
                      <tr>
                        <th scope="row">{k.displayName}</th>
                        <td class="itda-num">{k.businesses}</td>
                        <td class="itda-num">{planned.get(k.id) ?? 0}</td>
                        <td class="itda-num">{k.businesses + (planned.get(k.id) ?? 0)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <details class="itda-details">
                <summary>{t('operations.businessList', { n: s.businesses.length })}</summary>
                <ul>
                  {s.businesses.map((b) => (
                    <li>
                      {b.name} {b.isSample && <DemoBadge label={t('demo.badge')} />}
                    </li>
                  ))}
                </ul>
              </details>
              <div class="itda-form-actions">
                <Button>{t('operations.handoverSubmit', { n: s.businesses.length })}</Button>
              </div>
            </form>
          )}
        </>
      )}
    </Layout>
  );
}

export function operationsPages(app: Hono<AppEnv>, deps: { operations: OperationsService }) {
  const { operations } = deps;
  app.get('/operations', async (c) => c.html(<OverviewPage c={c} o={await operations.overview(c.var.actor, c.req.query(), requestMeta(c))} />));
  app.get('/operations/calendar', async (c) => c.html(<CalendarPage c={c} cal={await operations.calendar(c.var.actor, c.req.query(), requestMeta(c))} />));
  app.get('/operations/handover', async (c) => c.html(<HandoverPage c={c} h={await operations.handoverForm(c.var.actor, c.req.query('clerk') || undefined, requestMeta(c))} />));
  app.post('/operations/handover', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => operations.handover(c.var.actor, values, requestMeta(c)));
    if (!result.ok) {
      const from = typeof values.fromClerkId === 'string' && /^[0-9a-f-]{36}$/i.test(values.fromClerkId) ? values.fromClerkId : undefined;
      return c.html(<HandoverPage c={c} h={await operations.handoverForm(c.var.actor, from, requestMeta(c))} values={values} errors={result.errors} message={result.message} />, 400);
    }
    return c.redirect(`/operations?notice=handover&n=${result.value.moved}`, 303);
  });
}
