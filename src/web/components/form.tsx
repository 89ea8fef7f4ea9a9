import type { Child } from 'hono/jsx';
import type { Translate } from '../../i18n/i18n.ts';

/** Field errors keyed by field name, already translated. */
export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, unknown>;

function scalar(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  return '';
}

export function valueOf(values: FormValues | undefined, name: string): string {
  const v = values?.[name];
  return Array.isArray(v) ? scalar(v[0]) : scalar(v);
}

export function valuesOf(values: FormValues | undefined, name: string): string[] {
  const v = values?.[name];
  if (v === undefined || v === null || v === '') return [];
  return Array.isArray(v) ? v.map(scalar) : [scalar(v)];
}

/** KRDS error summary: a focused list of links to the fields in error (KWCAG 3.4). */
export function ErrorSummary(props: { errors: FieldErrors | undefined; t: Translate; message?: string }) {
  const entries = Object.entries(props.errors ?? {});
  if (!entries.length && !props.message) return null;
  return (
    <div class="itda-error-summary" role="alert" tabindex={-1} id="error-summary" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" class="itda-error-summary-title">
        {props.message ?? props.t('validation.summary')}
      </h2>
      {entries.length > 0 && (
        <ul>
          {entries.map(([field, msg]) => (
            <li>
              <a href={`#f-${field}`}>{msg}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  values?: FormValues;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  t: Translate;
}

function FieldFrame(props: FieldProps & { children: Child }) {
  const err = props.errors?.[props.name];
  const hintId = props.hint ? `h-${props.name}` : undefined;
  return (
    <div class="form-group">
      <div class="form-tit">
        <label for={`f-${props.name}`}>
          {props.label}
          {props.required && <span class="itda-required"> ({props.t('form.required')})</span>}
        </label>
      </div>
      {props.hint && (
        <p class="form-hint" id={hintId}>
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

function describedBy(props: FieldProps): string | undefined {
  const ids = [props.hint ? `h-${props.name}` : null, props.errors?.[props.name] ? `e-${props.name}` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** KRDS text input (html/code/text_input*.html). */
export function TextInput(
  props: FieldProps & { type?: 'text' | 'password' | 'email' | 'tel' | 'number'; autocomplete?: string; maxlength?: number },
) {
  const err = props.errors?.[props.name];
  return (
    <FieldFrame {...props}>
      <input
        type={props.type ?? 'text'}
        id={`f-${props.name}`}
        name={props.name}
        class="krds-input"
        value={props.type === 'password' ? '' : valueOf(props.values, props.name)}
        autocomplete={props.autocomplete}
        maxlength={props.maxlength}
        required={props.required}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </FieldFrame>
  );
}

/** KRDS select (html/code/select.html). */
export function Select(props: FieldProps & { options: { value: string; label: string }[]; placeholder?: string }) {
  const current = valueOf(props.values, props.name);
  const err = props.errors?.[props.name];
  return (
    <FieldFrame {...props}>
      <select
        id={`f-${props.name}`}
        name={props.name}
        class="krds-form-select"
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** KRDS checkbox (html/code/checkbox.html), single. */
export function Checkbox(props: { name: string; label: string; checked: boolean; value?: string; id?: string }) {
  const id = props.id ?? `f-${props.name}`;
  return (
    <div class="krds-form-check">
      <input type="checkbox" name={props.name} id={id} value={props.value ?? 'on'} checked={props.checked} />
      <label for={id}>{props.label}</label>
    </div>
  );
}

/** A group of checkboxes in a fieldset with a legend (e.g. the 시·군 an office covers). */
export function CheckboxGroup(
  props: FieldProps & { options: { value: string; label: string }[] },
) {
  const selected = new Set(valuesOf(props.values, props.name));
  const err = props.errors?.[props.name];
  return (
    <fieldset class="itda-fieldset" id={`f-${props.name}`} aria-describedby={describedBy(props)}>
      <legend>{props.label}</legend>
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
          <Checkbox name={props.name} id={`f-${props.name}-${o.value}`} value={o.value} label={o.label} checked={selected.has(o.value)} />
        ))}
      </div>
    </fieldset>
  );
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/** KRDS button (html/code/button.html). */
export function Button(props: {
  children: Child;
  type?: 'submit' | 'button';
  variant?: 'primary' | 'secondary' | 'tertiary' | 'text';
  size?: 'small' | 'medium' | 'large';
  name?: string;
  value?: string;
}) {
  return (
    <button
      type={props.type ?? 'submit'}
      class={`krds-btn ${props.size ?? 'medium'} ${props.variant ?? 'primary'}`}
      name={props.name}
      value={props.value}
    >
      {props.children}
    </button>
  );
}

export function LinkButton(props: { href: string; children: Child; variant?: 'primary' | 'secondary' | 'tertiary' }) {
  return (
    <a href={props.href} class={`krds-btn medium ${props.variant ?? 'secondary'}`}>
      {props.children}
    </a>
  );
}
