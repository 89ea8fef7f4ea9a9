import type { Hono } from 'hono';
import { NotFoundError } from '../../errors.ts';
import { requestMeta, type AppEnv } from '../../web/context.ts';
import type { NtsService } from './nts.service.ts';

/** POST /businesses/:id/nts-check: the clerk asks the 국세청 again; back to the business page with the outcome. */
export function ntsRoutes(app: Hono<AppEnv>, deps: { nts: NtsService }) {
  app.post('/businesses/:id/nts-check', async (c) => {
    const id = c.req.param('id');
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new NotFoundError();
    const outcome = await deps.nts.checkBusiness(c.var.actor, id, requestMeta(c));
    return c.redirect(`/businesses/${id}?notice=${outcome.failed > 0 ? 'ntsFailed' : 'ntsChecked'}`, 303);
  });
}
