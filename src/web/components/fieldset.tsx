import type { Child } from 'hono/jsx';

/**
 * A group of controls with its legend. KRDS (krds.min.css) hides every `<legend>` visually with
 * !important; here the one rule in app.css (`.itda-fieldset > legend:not(.sr-only)`) shows it
 * again, so the title is seen and heard once — no visible copy hidden from screen readers, no
 * per-page CSS. `legend: 'hidden'` keeps it for screen readers only, for a group whose visible
 * heading already says the same. `plain` drops the box (a question with its choices).
 */
export function Fieldset(props: {
  title: string;
  id?: string;
  describedBy?: string;
  /** The already translated "(필수)" mark, when every choice of the group is required. */
  required?: string;
  legend?: 'visible' | 'hidden';
  plain?: boolean;
  class?: string;
  children: Child;
}) {
  const cls = ['itda-fieldset', props.plain ? 'itda-fieldset-plain form-group' : '', props.class ?? ''].filter(Boolean).join(' ');
  return (
    <fieldset class={cls} id={props.id} aria-describedby={props.describedBy}>
      <legend class={props.legend === 'hidden' ? 'sr-only' : undefined}>
        {props.title}
        {props.required && <span class="itda-required"> ({props.required})</span>}
      </legend>
      {props.children}
    </fieldset>
  );
}
