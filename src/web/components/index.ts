/**
 * The component kit: KRDS markup for every page, one way each (docs/architecture.md "Pages").
 * Fields share one id scheme (field-ids.ts) so labels, hints, errors and the error summary link up.
 */
export { valueOf, valuesOf, type FieldErrors, type FormValues } from './form-values.ts';
export { fieldIds, type FieldProps } from './field-ids.ts';
export { Checkbox, CheckboxGroup, ConfirmField, CsrfField, FileField, Input, RadioGroup, Select, Textarea, type Option, type OptionGroup } from './fields.tsx';
export { Fieldset } from './fieldset.tsx';
export { ErrorSummary } from './error-summary.tsx';
export { Button, LinkButton } from './buttons.tsx';
export { Badge, type BadgeTone } from './badge.tsx';
export { DataTable, type Column } from './data-table.tsx';
export { Steps } from './steps.tsx';
export { Facts, Paragraphs } from './facts.tsx';
