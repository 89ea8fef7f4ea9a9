import type { Child } from 'hono/jsx';
import { fieldIds, type FieldProps } from './field-ids.ts';
import { Fieldset } from './fieldset.tsx';
import { valueOf, valuesOf } from './form-values.ts';

export type { FieldProps } from './field-ids.ts';

export interface Option {
  value: string;
  label: string;
}
export interface OptionGroup {
  label: string;
  options: Option[];
}

function RequiredMark(props: { required?: boolean; t: FieldProps['t'] }) {
  return props.required ? <span class="itda-required"> ({props.t('form.required')})</span> : null;
}

function Hint(props: { id?: string; text?: string }) {
  return props.id ? (
    <p class="form-hint" id={props.id}>
      {props.text}
    </p>
  ) : null;
}

function ErrorText(props: { id?: string; text?: string }) {
  return props.id ? (
    <p class="form-hint-invalid" id={props.id}>
      {props.text}
    </p>
  ) : null;
}

/** KRDS form group: label, hint, the control, its error (html/code/text_input*.html). */
function Frame(props: FieldProps & { children: Child }) {
  const ids = fieldIds(props);
  return (
    <div class="form-group">
      <div class="form-tit">
        <label for={ids.control}>
          {props.label}
          <RequiredMark required={props.required} t={props.t} />
        </label>
      </div>
      <Hint id={ids.hintId} text={props.hint} />
      <div class={ids.error ? 'form-conts is-error' : 'form-conts'}>{props.children}</div>
      <ErrorText id={ids.errorId} text={ids.error} />
    </div>
  );
}

/** KRDS text input (html/code/text_input*.html), also for dates, date-times and numbers. */
export function Input(
  props: FieldProps & {
    type?: 'text' | 'password' | 'email' | 'tel' | 'number' | 'date' | 'datetime-local' | 'month';
    autocomplete?: string;
    inputmode?: 'numeric' | 'decimal' | 'tel' | 'email';
    maxlength?: number;
    min?: string;
    max?: string;
    step?: string;
    list?: string;
  },
) {
  const ids = fieldIds(props);
  return (
    <Frame {...props}>
      <input
        type={props.type ?? 'text'}
        id={ids.control}
        name={props.name}
        class="krds-input"
        value={props.type === 'password' ? '' : valueOf(props.values, props.name)}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        min={props.min}
        max={props.max}
        step={props.step}
        list={props.list}
        required={props.required}
        aria-invalid={ids.invalid}
        aria-describedby={ids.describedBy}
      />
    </Frame>
  );
}

/** KRDS textarea (html/code/textarea.html). */
export function Textarea(props: FieldProps & { rows?: number; maxlength?: number; class?: string }) {
  const ids = fieldIds(props);
  return (
    <Frame {...props}>
      <div class="textarea-wrap">
        <textarea
          id={ids.control}
          name={props.name}
          class={`krds-input itda-textarea${props.class ? ` ${props.class}` : ''}`}
          rows={props.rows ?? 4}
          maxlength={props.maxlength}
          required={props.required}
          aria-invalid={ids.invalid}
          aria-describedby={ids.describedBy}
        >
          {valueOf(props.values, props.name)}
        </textarea>
      </div>
    </Frame>
  );
}

function Options(props: { options: Option[]; current: string }) {
  return (
    <>
      {props.options.map((o) => (
        <option value={o.value} selected={o.value === props.current}>
          {o.label}
        </option>
      ))}
    </>
  );
}

/** KRDS select (html/code/select.html): plain options, or groups (an empty group label means no optgroup). */
export function Select(props: FieldProps & ({ options: Option[]; groups?: never } | { groups: OptionGroup[]; options?: never }) & { placeholder?: string }) {
  const ids = fieldIds(props);
  const current = valueOf(props.values, props.name);
  const groups = props.groups ?? [{ label: '', options: props.options ?? [] }];
  return (
    <Frame {...props}>
      <select
        id={ids.control}
        name={props.name}
        class="krds-form-select"
        required={props.required}
        aria-invalid={ids.invalid}
        aria-describedby={ids.describedBy}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {groups.map((g) =>
          g.label ? (
            <optgroup label={g.label}>
              <Options options={g.options} current={current} />
            </optgroup>
          ) : (
            <Options options={g.options} current={current} />
          ),
        )}
      </select>
    </Frame>
  );
}

/** KRDS checkbox (html/code/checkbox.html), single, not a question (a filter, an option). */
export function Checkbox(props: { name: string; label: string; checked: boolean; value?: string; id?: string }) {
  const id = props.id ?? `f-${props.name}`;
  return (
    <div class="krds-form-check">
      <input type="checkbox" name={props.name} id={id} value={props.value ?? 'on'} checked={props.checked} />
      <label for={id}>{props.label}</label>
    </div>
  );
}

/** Radio buttons or checkboxes as one question: a plain fieldset whose legend is the question. */
function ChoiceGroup(props: FieldProps & { options: Option[]; kind: 'radio' | 'checkbox' }) {
  const ids = fieldIds(props);
  const selected = new Set(valuesOf(props.values, props.name));
  return (
    <Fieldset plain id={ids.control} describedBy={ids.describedBy} title={props.label} required={props.required ? props.t('form.required') : undefined}>
      <Hint id={ids.hintId} text={props.hint} />
      <ErrorText id={ids.errorId} text={ids.error} />
      <div class={props.kind === 'radio' ? 'krds-check-area itda-radio-row' : 'itda-check-grid'}>
        {props.options.map((o) => (
          <div class="krds-form-check">
            <input
              type={props.kind}
              name={props.name}
              id={`${ids.control}-${o.value}`}
              value={o.value}
              checked={selected.has(o.value)}
              aria-invalid={ids.invalid}
            />
            <label for={`${ids.control}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </Fieldset>
  );
}

/** KRDS radio buttons (html/code/radio_button.html): one answer to a question. */
export function RadioGroup(props: FieldProps & { options: Option[] }) {
  return <ChoiceGroup {...props} kind="radio" />;
}

/** KRDS checkboxes (html/code/checkbox.html): several answers to a question (e.g. the 시·군 an office covers). */
export function CheckboxGroup(props: FieldProps & { options: Option[] }) {
  return <ChoiceGroup {...props} kind="checkbox" />;
}

/** A single checkbox that must be ticked (a confirmation), with its error. */
export function ConfirmField(props: Omit<FieldProps, 'values' | 'hint'> & { checked: boolean }) {
  const ids = fieldIds(props);
  return (
    <div class={ids.error ? 'form-group is-error' : 'form-group'}>
      <ErrorText id={ids.errorId} text={ids.error} />
      <div class="krds-form-check">
        <input
          type="checkbox"
          id={ids.control}
          name={props.name}
          value="on"
          checked={props.checked}
          required={props.required}
          aria-invalid={ids.invalid}
          aria-describedby={ids.describedBy}
        />
        <label for={ids.control}>{props.label}</label>
      </div>
    </div>
  );
}

/** A plain file input: works without JavaScript (KRDS's drop zone needs script). */
export function FileField(props: Omit<FieldProps, 'values'> & { accept: string; multiple?: boolean }) {
  const ids = fieldIds(props);
  return (
    <Frame {...props}>
      <input
        type="file"
        id={ids.control}
        name={props.name}
        class="itda-file"
        accept={props.accept}
        multiple={props.multiple}
        required={props.required}
        aria-invalid={ids.invalid}
        aria-describedby={ids.describedBy}
      />
    </Frame>
  );
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}
