import type { ReactNode } from 'react';

export interface Column<R> {
  key: string;
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  render: (row: R, index: number) => ReactNode;
  /** Extra class per cell, e.g. a status color. */
  cellClass?: (row: R) => string | undefined;
  /** Row header cell (`th scope=row`) for accessible tables. */
  header?: boolean;
}

/** A plain, accessible table: the text alternative of every chart and the body of lists. */
export function DataTable<R>({
  columns,
  rows,
  caption,
  rowKey,
  scroll = false,
  testId,
}: {
  columns: Column<R>[];
  rows: readonly R[];
  caption?: string;
  rowKey: (row: R, index: number) => string;
  scroll?: boolean;
  testId?: string;
}) {
  return (
    <div className={scroll ? 'table-wrap table-scroll' : 'table-wrap'}>
      <table className="data" data-testid={testId}>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'n' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={rowKey(r, i)}>
              {columns.map((c) => {
                const cls = [c.numeric ? 'n' : '', c.cellClass?.(r) ?? ''].filter(Boolean).join(' ') || undefined;
                return c.header ? (
                  <th key={c.key} scope="row" className={cls} style={{ textTransform: 'none', letterSpacing: 0, fontSize: 'inherit', color: 'inherit', background: 'none', position: 'static' }}>
                    {c.render(r, i)}
                  </th>
                ) : (
                  <td key={c.key} className={cls} data-col={c.key}>
                    {c.render(r, i)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
