/**
 * A bar chart that is a table: each row its label over a bar as long as its share of the largest
 * (drawn in CSS, hidden from screen readers, which read the figures in the cells), the count,
 * and, for what was received, the previous period's count and the contacts. Plain HTML: a
 * breakdown is read as figures first, and a table of bars is one for every reader (the trend
 * over time, where a drawing says more, is TrendChart's).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface BarRow {
  key: string;
  label: ReactNode;
  value: number;
  /** The previous period's figure, shown when the table compares. */
  previous?: number;
  contacts?: number;
}

export function BarTable({ caption, rows, name, compare = false, testId }: { caption: string; rows: readonly BarRow[]; name?: string; compare?: boolean; testId?: string }) {
  const { t } = useTranslation('dashboard');
  const max = Math.max(0, ...rows.map((row) => row.value));
  return (
    <div className="table-scroll bar-table" data-testid={testId}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{name ?? t('received.name')}</th>
            <th scope="col" className="num">
              {compare ? t('received.cases') : t('backlog.count')}
            </th>
            {compare ? (
              <>
                <th scope="col" className="num">
                  {t('received.previous')}
                </th>
                <th scope="col" className="num">
                  {t('received.contacts')}
                </th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={compare ? 4 : 2} className="muted">
                {t('noData')}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">
                  {row.label}
                  <span className="bar-table__bar" aria-hidden="true">
                    {row.value > 0 ? <span style={{ width: `${(row.value / max) * 100}%` }} /> : null}
                  </span>
                </th>
                <td className="num">{row.value.toLocaleString()}</td>
                {compare ? (
                  <>
                    <td className="num muted">{(row.previous ?? 0).toLocaleString()}</td>
                    <td className="num">{(row.contacts ?? 0).toLocaleString()}</td>
                  </>
                ) : null}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
