import type { Hono } from 'hono';
import type { FormValues } from '../../web/components/index.ts';
import { requestMeta, type AppEnv } from '../../web/context.ts';
import { handleForm, readForm } from '../../web/forms.ts';
import { uuidParam } from '../../web/params.ts';
import type { RateLimiter } from '../../web/rate-limit.ts';
import type { HelpRequestsService } from './help-requests.service.ts';
import { HelpForm, HelpQueue, HelpSent } from './help-requests.views.tsx';

/**
 * "공공사무원의 도움 받기" (issue 13 §1): the public form after the self-check (/check/help), and the
 * office's queue (/help-requests). A failed submit — invalid input, too many requests from one
 * address — re-renders the form with everything typed kept.
 */
export function helpRequestPages(
  app: Hono<AppEnv>,
  deps: { helpRequests: HelpRequestsService; municipalities: () => Promise<{ code: string; name: string }[]>; limiter: RateLimiter },
) {
  const { helpRequests } = deps;

  app.get('/check/help', async (c) => {
    const values: FormValues = c.req.query();
    return c.html(<HelpForm c={c} values={values} municipalities={await deps.municipalities()} />);
  });

  app.post('/check/help', async (c) => {
    const values = await readForm(c);
    const municipalities = await deps.municipalities();
    const retry = deps.limiter.check(c);
    if (retry)
      return c.html(
        <HelpForm c={c} values={values} municipalities={municipalities} message={c.var.t('error.tooManyRequests', { minutes: Math.ceil(retry / 60) })} />,
        429,
      );
    // A bot filled the hidden field: answer as if received, store nothing.
    if (typeof values.website === 'string' && values.website.trim() !== '') {
      c.var.log?.warn({ form: 'help' }, 'honeypot filled');
      return c.redirect('/check/help/sent', 303);
    }
    const result = await handleForm(c, () => helpRequests.submit(values, c.var.locale));
    if (!result.ok) return c.html(<HelpForm c={c} values={values} errors={result.errors} message={result.message} municipalities={municipalities} />, 400);
    const q = result.value.office ? `?office=${encodeURIComponent(result.value.office.name)}` : '';
    return c.redirect(`/check/help/sent${q}`, 303);
  });

  app.get('/check/help/sent', (c) => c.html(<HelpSent c={c} office={c.req.query('office')?.slice(0, 100) ?? null} />));

  app.get('/help-requests', async (c) => {
    const all = c.req.query('status') === 'all';
    const rows = await helpRequests.queue(c.var.actor, requestMeta(c), all ? 'all' : 'open');
    return c.html(<HelpQueue c={c} rows={rows} all={all} />);
  });

  app.post('/help-requests/:id/close', async (c) => {
    await helpRequests.close(c.var.actor, uuidParam(c), requestMeta(c));
    return c.redirect('/help-requests', 303);
  });
}
