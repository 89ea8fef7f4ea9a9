import type { Hono } from 'hono';
import { parseInput } from '../../validation.ts';
import type { FormValues } from '../../web/components/index.ts';
import type { AppEnv } from '../../web/context.ts';
import { handleForm } from '../../web/forms.ts';
import type { EligibilityService } from '../eligibility/eligibility.service.ts';
import { CheckAnswersInput } from './check.schemas.ts';
import { answersQuery, CHECK_STEP_COUNT, CHECK_STEPS, CheckIntro, CheckResult, CheckStep } from './check.views.tsx';

/**
 * The public self-check (issue 13 §1): /check, no sign-in, no JavaScript, no server session. Every
 * answer so far travels in the query string, so each screen is a plain URL: the browser's Back
 * button and the page's "이전" link show the earlier screen with its answer kept, and a screen can
 * be bookmarked or shared. A screen's "다음" and "모름" submit to the same URL with `go`, which
 * redirects (303) to the next screen's clean URL; only an invalid answer stays on its screen (400).
 * Nothing is stored.
 */
export function checkPages(
  app: Hono<AppEnv>,
  deps: { eligibility: EligibilityService; municipalities: () => Promise<{ code: string; name: string }[]> },
) {
  app.get('/check', async (c) => {
    const values: FormValues = c.req.query();
    const stepRaw = c.req.query('step');
    if (stepRaw === 'result') {
      const result = await handleForm(c, () => deps.eligibility.checkPublic(values));
      if (!result.ok) {
        // A hand-edited URL: back to the first screen whose answer is wrong.
        const step = CHECK_STEPS.findIndex((fields) => fields.some((f) => result.errors[f])) + 1 || 1;
        return c.html(<CheckStep c={c} step={step} values={values} errors={result.errors} municipalities={await deps.municipalities()} />, 400);
      }
      return c.html(<CheckResult c={c} values={values} result={result.value} />);
    }
    const step = Number(stepRaw);
    if (!Number.isInteger(step) || step < 1 || step > CHECK_STEP_COUNT) return c.html(<CheckIntro c={c} />);
    const fields: readonly string[] = CHECK_STEPS[step - 1]!;
    const go = c.req.query('go');
    const next = step === CHECK_STEP_COUNT ? 'result' : String(step + 1);
    if (go === 'skip') {
      // "모름": this screen's answers are forgotten, the others kept.
      const kept: FormValues = Object.fromEntries(Object.entries(values).filter(([k]) => !fields.includes(k)));
      return c.redirect(`/check?${answersQuery(kept, { step: next })}`, 303);
    }
    if (go === 'next') {
      const parsed = await handleForm(c, async () => parseInput(CheckAnswersInput, values));
      const mine = parsed.ok ? {} : Object.fromEntries(Object.entries(parsed.errors).filter(([k]) => fields.includes(k)));
      if (Object.keys(mine).length)
        return c.html(<CheckStep c={c} step={step} values={values} errors={mine} municipalities={await deps.municipalities()} />, 400);
      return c.redirect(`/check?${answersQuery(values, { step: next })}`, 303);
    }
    return c.html(<CheckStep c={c} step={step} values={values} municipalities={await deps.municipalities()} />);
  });
}
