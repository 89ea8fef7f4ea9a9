import type { Translate } from '../../i18n/i18n.ts';
import type { FieldErrors } from './form-values.ts';

/**
 * KRDS error summary: a focused list of links to the fields in error (KWCAG 3.4). Fields are
 * rendered with the default prefix 'f' in the form in error, so `#f-<field>` lands on them.
 */
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
