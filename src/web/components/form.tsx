/**
 * TEMPORARY (issue 10 §3): the old names, for the recruitment pages only, until their split into
 * routes and views lands and they import the kit (index.ts) directly. Do not import this file.
 */
export { Button, Checkbox, CsrfField, ErrorSummary, LinkButton, Select, valueOf, valuesOf, type FieldErrors, type FormValues } from './index.ts';
export { Input as TextInput } from './fields.tsx';
