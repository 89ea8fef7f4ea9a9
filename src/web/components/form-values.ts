/** Field errors keyed by field name, already translated. */
export type FieldErrors = Record<string, string>;
/** A form's raw values as read from the body (repeated names become arrays). */
export type FormValues = Record<string, unknown>;

function scalar(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  return '';
}

/** The value of a field as text ('' when absent; the first one when repeated). */
export function valueOf(values: FormValues | undefined, name: string): string {
  const v = values?.[name];
  return Array.isArray(v) ? scalar(v[0]) : scalar(v);
}

/** The values of a repeated field (checkboxes) as text. */
export function valuesOf(values: FormValues | undefined, name: string): string[] {
  const v = values?.[name];
  if (v === undefined || v === null || v === '') return [];
  return Array.isArray(v) ? v.map(scalar) : [scalar(v)];
}
