import type { Child } from 'hono/jsx';
import type { Translate } from '../../i18n/i18n.ts';
import { DemoBadge } from '../../web/layout.tsx';
import { formatCell, type TableSpec } from './reports.tables.ts';

/**
 * Shared pieces of the report pages: a data table from a TableSpec (the same cells the .xlsx gets),
 * and a chart figure (inline SVG from the server, caption, then the table for screen readers).
 */
export function DataTable(props: { spec: TableSpec; t: Translate; locale: string; publicView: boolean; caption?: boolean; exportHref?: string }) {
  const { spec, t } = props;
  const fmt = { locale: props.locale, publicView: props.publicView, t };
  const numeric = (type: string) => type !== 'text' && type !== 'month' && type !== 'date';
  const label = spec.labelColumn ?? 0;
  return (
    <div class="itda-report-table">
      {/* A wide table scrolls sideways on a phone: the scroll box is a named, focusable region so a
          keyboard user can scroll it too (WCAG 2.1.1; axe scrollable-region-focusable). */}
      <div class="krds-table-wrap" role="region" tabindex={0} aria-label={spec.title}>
        <table class={spec.columns.length > 8 ? 'itda-table itda-table-compact itda-table-wide' : 'itda-table itda-table-compact'}>
          <caption class={props.caption === false ? 'sr-only' : undefined}>{spec.title}</caption>
          <thead>
            <tr>
              {spec.columns.map((c) => (
                <th scope="col" class={numeric(c.type) ? 'itda-num' : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {spec.rows.length === 0 && (
              <tr>
                <td colspan={spec.columns.length}>{t('reports.noRows')}</td>
              </tr>
            )}
            {spec.rows.map((r, i) => (
              <tr>
                {r.map((cell, j) =>
                  j === label ? (
                    <th scope="row">
                      {formatCell(cell, fmt)} {spec.sampleRows[i] && <DemoBadge label={t('demo.badge')} />}
                    </th>
                  ) : (
                    <td class={numeric(cell.type) ? 'itda-num' : undefined}>{formatCell(cell, fmt)}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
          {spec.foot.length > 0 && (
            <tfoot>
              {spec.foot.map((r) => (
                <tr>
                  {r.map((cell, j) =>
                    j === label ? <th scope="row">{formatCell(cell, fmt)}</th> : <td class={numeric(cell.type) ? 'itda-num' : undefined}>{formatCell(cell, fmt)}</td>,
                  )}
                </tr>
              ))}
            </tfoot>
          )}
        </table>
      </div>
      {props.exportHref && (
        <p class="itda-export-link">
          <a href={props.exportHref} class="krds-btn small secondary" download={spec.personal ? undefined : ''}>
            {spec.personal ? t('reports.exportWithReason') : t('reports.export')}
            <span class="sr-only"> ({spec.title})</span>
          </a>
        </p>
      )}
    </div>
  );
}

/** A chart and its data: the picture is for sighted users, the table for everyone. */
export function ChartFigure(props: { id: string; title: string; svg: string | null; children?: Child; lead?: string }) {
  return (
    <section class="itda-report-section" aria-labelledby={`${props.id}-h`}>
      <h2 class="itda-h2" id={`${props.id}-h`}>
        {props.title}
      </h2>
      {props.lead && <p class="form-hint">{props.lead}</p>}
      {props.svg && (
        <figure class="itda-chart">
          {/* Charts keep a readable minimum width and scroll on a phone: focusable for the keyboard. */}
          <div class="itda-chart-box" role="region" tabindex={0} aria-labelledby={`${props.id}-cap`} dangerouslySetInnerHTML={{ __html: props.svg }} />
          <figcaption id={`${props.id}-cap`} class="sr-only">
            {props.title}
          </figcaption>
        </figure>
      )}
      {props.children}
    </section>
  );
}
