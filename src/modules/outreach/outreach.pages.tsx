import type { Hono } from 'hono';
import { requestMeta, type AppContext, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import type { FormValues } from '../../web/components/index.ts';
import { idParam } from '../../web/params.ts';
import { contentDisposition } from '../documents/documents.files.ts';
import { XLSX_TYPE } from '../reports/reports.pages.tsx';
import { outreachShopsXlsx, provinceCountsXlsx, visitListPdf, visitListXlsx } from './outreach.files.ts';
import type { OutreachService } from './outreach.service.ts';
import { OutreachCountsPage, OutreachPage, VisitListPage } from './outreach.views.tsx';

/**
 * Outreach (issue 12 §3): the list and map of registry shops that may qualify (staff), the counts
 * by 시·군 and programme (the province), and a day's visit lists with their PDF, .xlsx and
 * outcomes. Registry shops are public data: no 접속기록 (stores.service.ts says why); visit lists
 * and outcomes are audited.
 */
export function outreachPages(app: Hono<AppEnv>, deps: { outreach: OutreachService; municipalities: () => Promise<{ code: string; name: string }[]> }) {
  const { outreach } = deps;

  const queryOf = (c: AppContext) => ({ ...c.req.query(), programme: c.req.queries('programme') ?? [] });
  const valuesOf = (raw: Record<string, unknown>): FormValues => {
    const v: FormValues = {};
    for (const [k, x] of Object.entries(raw)) v[k] = Array.isArray(x) ? x.map(String) : typeof x === 'string' ? x : undefined;
    v.visitedWithin ??= '30';
    return v;
  };

  async function staffPage(c: AppContext, raw: Record<string, unknown>, visit?: { values: FormValues; errors: Record<string, string> }) {
    const actor = c.var.actor;
    const [r, choices, recent, all] = await Promise.all([outreach.search(actor, raw), outreach.programmeChoices(actor), outreach.recentVisitLists(actor), deps.municipalities()]);
    const municipalities = all.filter((m) => r.areaCodes.includes(m.code) || (r.filter.municipality === m.code));
    const noArea = r.areaCodes.length === 0 && !r.filter.municipality;
    return (
      <OutreachPage c={c} r={r} values={valuesOf(raw)} choices={choices} municipalities={municipalities} recent={recent} noArea={noArea} visitValues={visit?.values} visitErrors={visit?.errors} />
    );
  }

  app.get('/outreach', async (c) => {
    const raw = queryOf(c);
    if (outreach.view(c.var.actor) === 'counts') {
      const [data, choices] = await Promise.all([outreach.provinceCounts(c.var.actor, raw), outreach.programmeChoices(c.var.actor)]);
      return c.html(<OutreachCountsPage c={c} data={data} values={valuesOf(raw)} choices={choices} />);
    }
    return c.html(await staffPage(c, raw));
  });

  const xlsx = (c: AppContext, bytes: Buffer, name: string) => {
    c.header('Content-Type', XLSX_TYPE);
    c.header('Content-Disposition', contentDisposition(name));
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(bytes));
  };

  // Every shop of the search (the page names the first 100), for the office to sort and share.
  app.get('/outreach/shops.xlsx', async (c) => {
    const data = await outreach.exportShops(c.var.actor, queryOf(c));
    return xlsx(c, await outreachShopsXlsx(data, c.var.t, c.var.locale, new Date()), `방문후보-${data.result.refDate}.xlsx`);
  });

  // The counts by 시·군 × programme (the province's view, "5 미만" kept).
  app.get('/outreach/counts.xlsx', async (c) => {
    const data = await outreach.provinceCounts(c.var.actor, queryOf(c));
    return xlsx(c, await provinceCountsXlsx(data, c.var.t, c.var.locale, new Date()), `시군별-지원대상-추정.xlsx`);
  });

  app.post('/outreach/visits', async (c) => {
    const values = await readForm(c);
    const result = await handleForm(c, () => outreach.createVisitList(c.var.actor, values, requestMeta(c)));
    if (!result.ok) {
      const { day, size, dong, ...filter } = values;
      return c.html(await staffPage(c, { ...filter, dong }, { values: { day, size, dong }, errors: result.errors }), 400);
    }
    return c.redirect(`/outreach/visits/${result.value}?notice=created`, 303);
  });

  app.get('/outreach/visits/:id', async (c) => {
    const data = await outreach.getVisitList(c.var.actor, idParam(c));
    const n = c.req.query('notice');
    const notice = n === 'created' ? c.var.t('outreach.visit.created') : n === 'saved' ? c.var.t('outreach.visit.saved') : undefined;
    return c.html(<VisitListPage c={c} data={data} notice={notice} />);
  });

  app.post('/outreach/visits/:id/outcome', async (c) => {
    const id = idParam(c);
    const values = await readForm(c);
    const storeId = typeof values.storeId === 'string' ? values.storeId : '';
    const result = await handleForm(c, () => outreach.recordOutcome(c.var.actor, id, storeId, values, requestMeta(c)));
    if (!result.ok) return c.html(<VisitListPage c={c} data={await outreach.getVisitList(c.var.actor, id)} errors={result.errors} />, 400);
    // Interested: on to the intake pre-filled from the shop, the link kept (issue 12 §1).
    if (result.value === 'interested') return c.redirect(`/businesses/new?store=${encodeURIComponent(storeId)}`, 303);
    return c.redirect(`/outreach/visits/${id}?notice=saved#stop-${encodeURIComponent(storeId)}`, 303);
  });

  app.get('/outreach/visits/:id/pdf', async (c) => {
    const data = await outreach.getVisitList(c.var.actor, idParam(c));
    const bytes = await visitListPdf(data, c.var.t, c.var.locale, new Date());
    c.header('content-type', 'application/pdf');
    c.header('content-disposition', contentDisposition(`방문목록-${data.list.day}-${data.list.id}.pdf`).replace(/^attachment/, 'inline'));
    c.header('cache-control', 'no-store');
    return c.body(new Uint8Array(bytes));
  });

  app.get('/outreach/visits/:id/xlsx', async (c) => {
    const data = await outreach.getVisitList(c.var.actor, idParam(c));
    return xlsx(c, await visitListXlsx(data, c.var.t, c.var.locale), `방문목록-${data.list.day}-${data.list.id}.xlsx`);
  });
}
