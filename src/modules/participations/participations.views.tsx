import type { Child } from 'hono/jsx';
import type { Translate } from '../../i18n/i18n.ts';
import { valueOf, type FieldErrors, type FormValues } from '../../web/components/form.tsx';

/**
 * KRDS form fields for pages with several forms (one per next step, one upload per checklist
 * item): the same markup as src/web/components/form.tsx, with an id prefix so ids stay unique on
 * the page. The form in error is rendered with the prefix 'f', so the shared ErrorSummary's links
 * (#f-<field>) land on its fields.
 */
export interface FieldProps {
  prefix: string;
  name: string;
  label: string;
  values?: FormValues;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  t: Translate;
}

const id = (p: { prefix: string; name: string }) => `${p.prefix}-${p.name}`;

function describedBy(p: FieldProps): string | undefined {
  const ids = [p.hint ? `${id(p)}-hint` : null, p.errors?.[p.name] ? `${id(p)}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Frame(props: FieldProps & { children: Child }) {
  const err = props.errors?.[props.name];
  return (
    <div class="form-group">
      <div class="form-tit">
        <label for={id(props)}>
          {props.label}
          {props.required && <span class="itda-required"> ({props.t('form.required')})</span>}
        </label>
      </div>
      {props.hint && (
        <p class="form-hint" id={`${id(props)}-hint`}>
          {props.hint}
        </p>
      )}
      <div class={err ? 'form-conts is-error' : 'form-conts'}>{props.children}</div>
      {err && (
        <p class="form-hint-invalid" id={`${id(props)}-error`}>
          {err}
        </p>
      )}
    </div>
  );
}

export function Field(
  props: FieldProps & {
    type?: 'text' | 'date' | 'number';
    inputmode?: 'numeric' | 'decimal';
    max?: string;
    min?: string;
    maxlength?: number;
    autocomplete?: string;
  },
) {
  const err = props.errors?.[props.name];
  return (
    <Frame {...props}>
      <input
        type={props.type ?? 'text'}
        id={id(props)}
        name={props.name}
        class="krds-input"
        value={valueOf(props.values, props.name)}
        inputmode={props.inputmode}
        max={props.max}
        min={props.min}
        maxlength={props.maxlength}
        autocomplete={props.autocomplete ?? 'off'}
        required={props.required}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </Frame>
  );
}

export function TextareaField(props: FieldProps & { rows?: number; maxlength?: number }) {
  const err = props.errors?.[props.name];
  return (
    <Frame {...props}>
      <textarea
        id={id(props)}
        name={props.name}
        class="krds-input itda-textarea"
        rows={props.rows ?? 3}
        maxlength={props.maxlength}
        required={props.required}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {valueOf(props.values, props.name)}
      </textarea>
    </Frame>
  );
}

export interface OptionGroup {
  label: string;
  options: { value: string; label: string }[];
}

export function SelectField(props: FieldProps & { groups: OptionGroup[]; placeholder?: string }) {
  const current = valueOf(props.values, props.name);
  const err = props.errors?.[props.name];
  return (
    <Frame {...props}>
      <select
        id={id(props)}
        name={props.name}
        class="krds-form-select"
        required={props.required}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.groups.map((g) =>
          g.label ? (
            <optgroup label={g.label}>
              {g.options.map((o) => (
                <option value={o.value} selected={o.value === current}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ) : (
            g.options.map((o) => (
              <option value={o.value} selected={o.value === current}>
                {o.label}
              </option>
            ))
          ),
        )}
      </select>
    </Frame>
  );
}

/** KRDS radio buttons in a fieldset (html/code/radio_button.html); the legend is shown (KRDS hides legends). */
export function RadioField(props: FieldProps & { options: { value: string; label: string }[] }) {
  const current = valueOf(props.values, props.name);
  const err = props.errors?.[props.name];
  return (
    <fieldset class="itda-radio-fieldset form-group" id={id(props)} aria-describedby={describedBy(props)}>
      <legend>
        {props.label}
        {props.required && <span class="itda-required"> ({props.t('form.required')})</span>}
      </legend>
      {props.hint && (
        <p class="form-hint" id={`${id(props)}-hint`}>
          {props.hint}
        </p>
      )}
      {err && (
        <p class="form-hint-invalid" id={`${id(props)}-error`}>
          {err}
        </p>
      )}
      <div class="krds-check-area itda-radio-row">
        {props.options.map((o) => (
          <div class="krds-form-check">
            <input type="radio" name={props.name} id={`${id(props)}-${o.value}`} value={o.value} checked={current === o.value} />
            <label for={`${id(props)}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** A plain file input: works without JavaScript (KRDS's drop zone needs script). */
export function FileField(props: Omit<FieldProps, 'values'> & { accept: string }) {
  const err = props.errors?.[props.name];
  return (
    <Frame {...props}>
      <input
        type="file"
        id={id(props)}
        name={props.name}
        class="itda-file"
        accept={props.accept}
        required={props.required}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </Frame>
  );
}

/** A single KRDS checkbox that must be ticked (a confirmation), with its error. */
export function ConfirmField(props: Omit<FieldProps, 'values'> & { checked: boolean }) {
  const err = props.errors?.[props.name];
  return (
    <div class={err ? 'form-group is-error' : 'form-group'}>
      {err && (
        <p class="form-hint-invalid" id={`${id(props)}-error`}>
          {err}
        </p>
      )}
      <div class="krds-form-check">
        <input
          type="checkbox"
          id={id(props)}
          name={props.name}
          value="on"
          checked={props.checked}
          required={props.required}
          aria-describedby={err ? `${id(props)}-error` : undefined}
        />
        <label for={id(props)}>{props.label}</label>
      </div>
    </div>
  );
}

/** KRDS badge (html/code/badge.html). */
export function Badge(props: {
  tone: 'primary' | 'secondary' | 'gray' | 'danger' | 'warning' | 'success' | 'information';
  children: Child;
}) {
  return <span class={`krds-badge bg-light-${props.tone} itda-status-badge`}>{props.children}</span>;
}

export function formatDateTime(d: Date | string | null | undefined, locale: string): string {
  if (!d) return '—';
  return new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Seoul',
  }).format(new Date(d));
}

export function formatWon(n: number | null | undefined, t: Translate): string {
  if (n === null || n === undefined) return '—';
  return t('participations.won', { n: new Intl.NumberFormat('ko-KR').format(n) });
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}
