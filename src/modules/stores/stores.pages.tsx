import type { Hono } from 'hono';
import type { FormValues } from '../../web/components/index.ts';
import { requestMeta, type AppEnv } from '../../web/context.ts';
import { idParam } from '../../web/params.ts';
import { can } from '../auth/auth.policy.ts';
import { StoreImportError, type StoresService } from './stores.service.ts';
import { StoreDetailPage, StoreImportDetailPage, StoreImportPage, StoreListPage } from './stores.views.tsx';

/**
 * 상가(상권)정보 pages (issue 12 §1): the registry for clerks (their office's 시·군, read-only, an
 * intake from a shop) and the import for the operator. Registry shops are public data: these pages
 * write no 접속기록 (src/modules/stores/stores.service.ts says why).
 */
export const STORE_IMPORT_ROUTE = '/admin/stores';
/**
 * An upload on this page is read whole by the request body parser (CSRF check) before the import
 * streams it, so it is capped; a file of all of 경기 (~600,000 rows, ~250 MB) goes through
 * `npx itda import stores`, which streams from disk in constant memory.
 */
export const STORE_UPLOAD_MAX_BYTES = 64 * 1024 * 1024;

export function storePages(app: Hono<AppEnv>, deps: { stores: StoresService; municipalities: () => Promise<{ code: string; name: string }[]> }) {
  const { stores } = deps;

  app.get('/stores', async (c) => {
    const q = c.req.query();
    const list = await stores.list(c.var.actor, q);
    const all = await deps.municipalities();
    const municipalities = list.areaCodes ? all.filter((m) => list.areaCodes!.includes(m.code)) : all;
    const values: FormValues = { q: list.filter.q ?? '', municipality: list.filter.municipality ?? '', closed: list.filter.closed ? '1' : '' };
    return c.html(
      <StoreListPage
        c={c}
        rows={list.rows}
        values={values}
        page={list.page}
        hasMore={list.hasMore}
        municipalities={municipalities}
        noArea={list.areaCodes !== null && list.areaCodes.length === 0}
        canIntake={can(c.var.actor, 'businesses.intake')}
      />,
    );
  });

  app.get('/stores/:id', async (c) => {
    const s = await stores.get(c.var.actor, c.req.param('id'));
    return c.html(<StoreDetailPage c={c} s={s} canIntake={can(c.var.actor, 'businesses.intake')} />);
  });

  app.get(STORE_IMPORT_ROUTE, async (c) => {
    const imports = await stores.recentImports(c.var.actor, 10);
    return c.html(<StoreImportPage c={c} imports={imports} maxMb={STORE_UPLOAD_MAX_BYTES / 1024 / 1024} />);
  });

  app.post(STORE_IMPORT_ROUTE, async (c) => {
    await stores.assertCanImport(c.var.actor);
    const t = c.var.t;
    const body = await c.req.parseBody();
    const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
    const maxMb = STORE_UPLOAD_MAX_BYTES / 1024 / 1024;
    if (!file || file.size > STORE_UPLOAD_MAX_BYTES) {
      const imports = await stores.recentImports(c.var.actor, 10);
      const message = file ? t('stores.import.fileTooBig', { mb: maxMb }) : t('stores.import.needFile');
      return c.html(<StoreImportPage c={c} imports={imports} errors={{ file: message }} maxMb={maxMb} />, 400);
    }
    try {
      const r = await stores.importFile(c.var.actor, { fileName: file.name || 'upload.csv', bytes: file.stream() }, requestMeta(c));
      return c.redirect(`/admin/stores/imports/${r.importId}?done=1`, 303);
    } catch (e) {
      // A file that cannot be read at all is recorded as a failed import: its page says why.
      if (e instanceof StoreImportError) return c.redirect(`/admin/stores/imports/${e.importId}`, 303);
      throw e;
    }
  });

  app.get('/admin/stores/imports/:id', async (c) => {
    // Authorize first, then "not found" for an id that is not one (src/web/params.ts).
    const r = await stores.getImport(c.var.actor, idParam(c));
    return c.html(<StoreImportDetailPage c={c} r={r} justDone={c.req.query('done') === '1'} />);
  });
}
