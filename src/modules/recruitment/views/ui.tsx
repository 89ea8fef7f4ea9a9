/**
 * TEMPORARY (issue 10 §3): the recruitment pages' old names for the one kit in src/web/components,
 * until the recruitment split lands and its views import the kit directly.
 */
export { Facts, Fieldset, Input, Paragraphs, RadioGroup, Steps, Textarea } from '../../../web/components/index.ts';
export { CheckboxGroup as CheckGroup, FileField as FileInput } from '../../../web/components/fields.tsx';
