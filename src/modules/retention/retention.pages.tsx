import type { Hono } from 'hono';
import { requestMeta, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { uuidParam } from '../../web/params.ts';
import { contentDisposition } from '../documents/documents.files.ts';
import { XLSX_TYPE } from '../reports/reports.pages.tsx';
import type { DataRequestsService } from './data-requests.service.ts';
import type { RetentionService } from './retention.service.ts';
import { DataRequestPage, RetentionPage } from './retention.views.tsx';

/**
 * 파기 (issue 14 §3): the operator's page of the retention rules and the 파기 대장 (/admin/retention, with
 * the .xlsx export and a manual run), and the office's page for an owner's correction / deletion request.
 */
export function retentionPages(app: Hono<AppEnv>, deps: { retention: RetentionService; dataRequests: DataRequestsService }) {
  const { retention, dataRequests } = deps;

  app.get('/admin/retention', async (c) => c.html(<RetentionPage c={c} data={await retention.ledger(c.var.actor)} />));

  app.post('/admin/retention/run', async (c) => {
    await retention.runNow(c.var.actor, requestMeta(c));
    return c.redirect('/admin/retention?notice=ran', 303);
  });

  // The 파기 대장 holds kinds and counts, no personal data: a plain download (audited), no reason asked.
  app.get('/admin/retention/export.xlsx', async (c) => {
    const file = await retention.exportLedger(c.var.actor, requestMeta(c), c.var.locale);
    c.header('Content-Type', XLSX_TYPE);
    c.header('Content-Disposition', contentDisposition(file.fileName));
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(file.bytes));
  });

  app.get('/data-requests/:id', async (c) => c.html(<DataRequestPage c={c} data={await dataRequests.get(c.var.actor, uuidParam(c), requestMeta(c))} />));

  app.post('/data-requests/:id', async (c) => {
    const id = uuidParam(c);
    const values = await readForm(c);
    const result = await handleForm(c, () => dataRequests.decide(c.var.actor, id, values, requestMeta(c)));
    if (!result.ok) return c.html(<DataRequestPage c={c} data={await dataRequests.get(c.var.actor, id, requestMeta(c))} values={values} errors={result.errors} message={result.message} />, 400);
    return c.redirect(`/data-requests/${id}?notice=decided`, 303);
  });
}
