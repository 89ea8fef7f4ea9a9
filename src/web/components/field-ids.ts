import type { Translate } from '../../i18n/i18n.ts';
import type { FieldErrors, FormValues } from './form-values.ts';

/**
 * What every field of the kit takes. `prefix` keeps ids unique on pages with several forms (one
 * per next step, one upload per checklist item); the form in error is rendered with the default
 * prefix 'f', so the ErrorSummary's links (#f-<field>) land on its fields.
 */
export interface FieldProps {
  name: string;
  label: string;
  values?: FormValues;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  prefix?: string;
  t: Translate;
}

/**
 * The one id scheme of the kit: the control `f-name`, its hint `f-name-hint`, its error
 * `f-name-error`; `describedBy` lists hint then error, so a screen reader reads both after the
 * label (KWCAG 3.4.1, KRDS "입력 필드" guidance).
 */
export function fieldIds(p: Pick<FieldProps, 'name' | 'prefix' | 'hint' | 'errors'>) {
  const control = `${p.prefix ?? 'f'}-${p.name}`;
  const error = p.errors?.[p.name];
  const hintId = p.hint ? `${control}-hint` : undefined;
  const errorId = error ? `${control}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { control, hintId, errorId, error, describedBy, invalid: error ? ('true' as const) : undefined };
}
