import type { Hono } from 'hono';
import { requestMeta, type AppEnv } from '../../web/context.ts';
import type { NtsService } from './nts.service.ts';
import { uuidParam } from '../../web/params.ts';

/** POST /businesses/:id/nts-check: the clerk asks the 국세청 again; back to the business page with the outcome. */
export function ntsRoutes(app: Hono<AppEnv>, deps: { nts: NtsService }) {
  app.post('/businesses/:id/nts-check', async (c) => {
    const id = uuidParam(c);
    const outcome = await deps.nts.checkBusiness(c.var.actor, id, requestMeta(c));
    return c.redirect(`/businesses/${id}?notice=${outcome.failed > 0 ? 'ntsFailed' : 'ntsChecked'}`, 303);
  });
}
