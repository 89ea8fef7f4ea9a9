import type { Child } from 'hono/jsx';
import type { Translate } from '../../../i18n/i18n.ts';
import { valueOf, type FieldErrors, type FormValues } from '../../../web/components/form.tsx';

/**
 * KRDS form pieces the shared form.tsx does not have yet (textarea, radio group, date and
 * date-time inputs, file input), in the same markup: label, hint, error message linked with
 * aria-describedby, so the error summary's links land on the field.
 */
interface FieldProps {
  name: string;
  label: string;
  values?: FormValues;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  t: Translate;
}

function describedBy(p: FieldProps): string | undefined {
  const ids = [p.hint ? `h-${p.name}` : null, p.errors?.[p.name] ? `e-${p.name}` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Frame(props: FieldProps & { children: Child }) {
  const err = props.errors?.[props.name];
  return (
    <div class="form-group">
      <div class="form-tit">
        <label for={`f-${props.name}`}>
          {props.label}
          {props.required && <span class="itda-required"> ({props.t('form.required')})</span>}
        </label>
      </div>
      {props.hint && (
        <p class="form-hint" id={`h-${props.name}`}>
          {props.hint}
        </p>
      )}
      <div class={err ? 'form-conts is-error' : 'form-conts'}>{props.children}</div>
      {err && (
        <p class="form-hint-invalid" id={`e-${props.name}`}>
          {err}
        </p>
      )}
    </div>
  );
}

/** KRDS textarea (html/code/textarea.html). */
export function Textarea(props: FieldProps & { rows?: number; maxlength?: number }) {
  const err = props.errors?.[props.name];
  return (
    <Frame {...props}>
      <div class="textarea-wrap">
        <textarea
          id={`f-${props.name}`}
          name={props.name}
          class="krds-input itda-textarea"
          rows={props.rows ?? 5}
          maxlength={props.maxlength}
          required={props.required}
          aria-invalid={err ? 'true' : undefined}
          aria-describedby={describedBy(props)}
        >
          {valueOf(props.values, props.name)}
        </textarea>
      </div>
    </Frame>
  );
}

/** `<input>` of another type (date, datetime-local, number) in the KRDS frame. */
export function Input(
  props: FieldProps & {
    type: 'date' | 'datetime-local' | 'number' | 'text' | 'email' | 'tel';
    min?: string;
    max?: string;
    step?: string;
    inputmode?: 'decimal' | 'numeric' | 'tel' | 'email';
    autocomplete?: string;
  },
) {
  const err = props.errors?.[props.name];
  return (
    <Frame {...props}>
      <input
        type={props.type}
        id={`f-${props.name}`}
        name={props.name}
        class="krds-input"
        value={valueOf(props.values, props.name)}
        min={props.min}
        max={props.max}
        step={props.step}
        inputmode={props.inputmode}
        autocomplete={props.autocomplete}
        required={props.required}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </Frame>
  );
}

/**
 * A fieldset whose title is seen as well as heard: KRDS makes every `legend` screen-reader-only
 * (krds.min.css), so the title is repeated visibly, hidden from screen readers to avoid reading it twice.
 */
export function Fieldset(props: { title: string; id?: string; describedBy?: string; required?: string; children: Child }) {
  return (
    <fieldset class="itda-fieldset" id={props.id} aria-describedby={props.describedBy}>
      <legend>
        {props.title}
        {props.required && ` (${props.required})`}
      </legend>
      <p class="itda-legend" aria-hidden="true">
        <strong>{props.title}</strong>
        {props.required && <span class="itda-required"> ({props.required})</span>}
      </p>
      {props.children}
    </fieldset>
  );
}

/** KRDS radio buttons (html/code/radio_button.html) in a fieldset with a (visible) legend. */
export function RadioGroup(props: FieldProps & { options: { value: string; label: string }[] }) {
  const current = valueOf(props.values, props.name);
  const err = props.errors?.[props.name];
  return (
    <Fieldset
      id={`f-${props.name}`}
      describedBy={describedBy(props)}
      title={props.label}
      required={props.required ? props.t('form.required') : undefined}
    >
      {props.hint && (
        <p class="form-hint" id={`h-${props.name}`}>
          {props.hint}
        </p>
      )}
      {err && (
        <p class="form-hint-invalid" id={`e-${props.name}`}>
          {err}
        </p>
      )}
      <div class="krds-check-area">
        {props.options.map((o) => (
          <div class="krds-form-check">
            <input type="radio" name={props.name} id={`f-${props.name}-${o.value}`} value={o.value} checked={current === o.value} />
            <label for={`f-${props.name}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </Fieldset>
  );
}

/** Checkboxes in a fieldset with a visible legend (the shared CheckboxGroup's legend is hidden by KRDS). */
export function CheckGroup(props: FieldProps & { options: { value: string; label: string }[] }) {
  const v = props.values?.[props.name];
  const selected = new Set(Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
  const err = props.errors?.[props.name];
  return (
    <Fieldset id={`f-${props.name}`} describedBy={describedBy(props)} title={props.label}>
      {props.hint && (
        <p class="form-hint" id={`h-${props.name}`}>
          {props.hint}
        </p>
      )}
      {err && (
        <p class="form-hint-invalid" id={`e-${props.name}`}>
          {err}
        </p>
      )}
      <div class="itda-check-grid">
        {props.options.map((o) => (
          <div class="krds-form-check">
            <input type="checkbox" name={props.name} id={`f-${props.name}-${o.value}`} value={o.value} checked={selected.has(o.value)} />
            <label for={`f-${props.name}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </Fieldset>
  );
}

/** A plain file input (works without JavaScript; KRDS's drop zone needs script). */
export function FileInput(props: Omit<FieldProps, 'values'> & { accept: string }) {
  const err = props.errors?.[props.name];
  return (
    <Frame {...props}>
      <input
        type="file"
        id={`f-${props.name}`}
        name={props.name}
        class="itda-file"
        accept={props.accept}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </Frame>
  );
}

/** A definition list of facts (label → value). */
export function Facts(props: { items: [string, Child][] }) {
  return (
    <dl class="itda-dl">
      {props.items.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </>
      ))}
    </dl>
  );
}

/** Multi-line text as paragraphs (notices, summaries), without HTML from the data. */
export function Paragraphs(props: { text: string | null | undefined }) {
  const parts = (props.text ?? '').split(/\n{2,}/).filter((p) => p.trim());
  return (
    <>
      {parts.map((p) => (
        <p>
          {p.split('\n').map((line, i) => (
            <>
              {i > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

/** KRDS step indicator (html/code/step_indicator.html); on phones KRDS hides the labels, so the current step is also written out. */
export function Steps(props: { steps: string[]; current: number; t: Translate }) {
  const now = Math.min(props.current, props.steps.length - 1);
  return (
    <>
      <p class="form-hint itda-step-now" aria-hidden="true">
        {props.t('recruitment.stepNow', { n: now + 1, total: props.steps.length, label: props.steps[now] ?? '' })}
      </p>
      <ol class="krds-step-wrap itda-steps">
        {props.steps.map((s, i) => (
          <li
            class={i < props.current ? 'done' : i === props.current ? 'active' : undefined}
            aria-current={i === props.current ? 'step' : undefined}
          >
            <span>
              <i class="step">{props.t('recruitment.step', { n: i + 1 })}</i>
              <span class="step-tit">{s}</span>
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
