/**
 * The inbox table: one row a case, a checkbox each for bulk actions, headers for every column.
 * Eight columns fit a 1366-pixel screen without scrolling the page: the channel goes under the
 * date received, the deadline state and the markers under the status.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { CaseListItem, Category } from '../api/types.ts';
import { formatDate, formatDateTime } from '../components/dates.ts';
import { SlaBadge, StatusBadge } from '../components/StatusBadge.tsx';

export interface CaseTableProps {
  items: readonly CaseListItem[];
  categories: readonly Category[];
  selected: ReadonlySet<string>;
  onSelect: (selected: ReadonlySet<string>) => void;
}

export function CaseTable({ items, categories, selected, onSelect }: CaseTableProps) {
  const { t, i18n } = useTranslation(['staff', 'common']);
  const language = i18n.language;
  const allRef = useRef<HTMLInputElement>(null);
  const chosen = items.filter((item) => selected.has(item.id)).length;
  const all = chosen === items.length && items.length > 0;

  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = chosen > 0 && !all;
  }, [chosen, all]);

  const categoryName = (code: string | null) => {
    if (!code) return t('inbox.noCategory');
    const category = categories.find((item) => item.code === code);
    return category ? (language === 'th' ? category.nameTh : category.nameEn) : code;
  };
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelect(next);
  };

  return (
    <div className="table-scroll" role="region" aria-labelledby="inbox-caption" tabIndex={0}>
      <table className="case-table">
        <caption id="inbox-caption" className="visually-hidden">
          {t('inbox.results')}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="case-table__select">
              <input
                ref={allRef}
                type="checkbox"
                aria-label={t('inbox.selectAll')}
                checked={all}
                onChange={(event) => onSelect(event.target.checked ? new Set([...selected, ...items.map((item) => item.id)]) : new Set([...selected].filter((id) => !items.some((item) => item.id === id))))}
              />
            </th>
            <th scope="col">{t('inbox.columns.trackingCode')}</th>
            <th scope="col">{t('inbox.columns.subject')}</th>
            <th scope="col">{t('inbox.columns.category')}</th>
            <th scope="col">{t('inbox.columns.holder')}</th>
            <th scope="col">{t('inbox.columns.received')}</th>
            <th scope="col" className="case-table__due">
              {t('inbox.columns.due')}
            </th>
            <th scope="col">{t('inbox.columns.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className={selected.has(item.id) ? 'is-selected' : undefined} data-case-id={item.id}>
              <td className="case-table__select">
                <input type="checkbox" aria-label={t('inbox.selectCase', { code: item.trackingCode })} checked={selected.has(item.id)} onChange={(event) => toggle(item.id, event.target.checked)} />
              </td>
              <th scope="row" className="case-table__code">
                <Link href={`/cases/${item.id}`} className="mono">
                  {item.trackingCode}
                </Link>
              </th>
              <td className="case-table__subject">
                {item.title ? <strong>{item.title}</strong> : null}
                <span className={item.title ? 'case-table__summary muted' : 'case-table__summary'}>{item.summary}</span>
              </td>
              <td className="case-table__category">{categoryName(item.categoryCode)}</td>
              <td className="case-table__holder">{language === 'th' ? item.holder.nameTh : item.holder.nameEn}</td>
              <td className="case-table__received">
                <span className="nowrap">{formatDateTime(item.receivedAt, language)}</span>
                <span className="muted case-table__channel">{t(`common:channel.${item.channel}`)}</span>
              </td>
              <td className="nowrap case-table__due">{formatDate(item.dueDate, language)}</td>
              <td className="case-table__status">
                <StatusBadge status={item.status} /> <SlaBadge state={item.slaState} /> <Markers confidential={item.confidential} sensitive={item.sensitive} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** ปกปิดตัวตน / เรื่องอ่อนไหว as labelled tags (words, not colour). */
export function Markers({ confidential, sensitive, anonymous }: { confidential: boolean; sensitive: boolean; anonymous?: boolean }) {
  const { t } = useTranslation(['staff', 'common']);
  return (
    <span className="markers">
      {confidential ? <span className="marker marker--confidential">{t('markers.confidential')}</span> : null}
      {sensitive ? <span className="marker marker--sensitive">{t('markers.sensitive')}</span> : null}
      {anonymous ? <span className="marker">{t('markers.anonymous')}</span> : null}
    </span>
  );
}
