import type { Child } from 'hono/jsx';

export interface Column<T> {
  header: Child;
  cell: (row: T, index: number) => Child;
  /** The cell names its row (`<th scope="row">`): a screen reader announces it with every other cell. */
  rowHeader?: boolean;
  /** Right-aligned figures. */
  numeric?: boolean;
}

/**
 * KRDS table (html/code/table.html) in its scrolling wrapper. Every table has a caption: a visible
 * title, or with `captionHidden` one for screen readers only when a heading above says the same.
 * With no rows, `empty` is shown instead of an empty table.
 */
export function DataTable<T>(props: {
  caption: string;
  captionHidden?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[];
  empty?: string;
  compact?: boolean;
  id?: string;
}) {
  if (!props.rows.length && props.empty !== undefined) return <p class="form-hint">{props.empty}</p>;
  return (
    <div class="krds-table-wrap">
      <table class={props.compact ? 'itda-table itda-table-compact' : 'itda-table'} id={props.id}>
        <caption class={props.captionHidden ? 'sr-only' : undefined}>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((col) => (
              <th scope="col" class={col.numeric ? 'itda-num' : undefined}>
                {col.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, i) => (
            <tr>
              {props.columns.map((col) =>
                col.rowHeader ? (
                  <th scope="row" class={col.numeric ? 'itda-num' : undefined}>
                    {col.cell(row, i)}
                  </th>
                ) : (
                  <td class={col.numeric ? 'itda-num' : undefined}>{col.cell(row, i)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
