import type { Translate } from '../../i18n/i18n.ts';

/** KRDS step indicator (html/code/step_indicator.html); on phones KRDS hides the labels, so the current step is also written out. */
export function Steps(props: { steps: string[]; current: number; t: Translate }) {
  const now = Math.min(props.current, props.steps.length - 1);
  return (
    <>
      <p class="form-hint itda-step-now" aria-hidden="true">
        {props.t('steps.now', { n: now + 1, total: props.steps.length, label: props.steps[now] ?? '' })}
      </p>
      <ol class="krds-step-wrap itda-steps">
        {props.steps.map((s, i) => (
          <li
            class={i < props.current ? 'done' : i === props.current ? 'active' : undefined}
            aria-current={i === props.current ? 'step' : undefined}
          >
            <span>
              <i class="step">{props.t('steps.step', { n: i + 1 })}</i>
              <span class="step-tit">{s}</span>
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
