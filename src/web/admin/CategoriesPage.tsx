/** ประเภทเรื่อง: the complaint categories with their parents, sensitive flags and aliases (read-only). */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchCategories } from '../api/reference.ts';
import { Field } from '../components/form.tsx';
import { Loading } from '../components/Layout.tsx';
import { LoadError, localName, PageHeading, TableScroll, useLoad } from './ui.tsx';

export function CategoriesPage() {
  const { t, i18n } = useTranslation('admin');
  const categories = useLoad(() => fetchCategories(), []);
  const [filter, setFilter] = useState('');

  const byCode = useMemo(() => new Map((categories.data ?? []).map((category) => [category.code, category])), [categories.data]);
  const term = filter.trim().toLowerCase();
  const shown = (categories.data ?? []).filter(
    (category) =>
      !term ||
      [category.code, category.nameTh, category.nameEn, ...category.aliases].some((text) => text.toLowerCase().includes(term)),
  );

  return (
    <>
      <PageHeading title={t('categories.heading')}>{t('categories.heading')}</PageHeading>
      <p className="lead">{t('categories.lead')}</p>
      <p className="admin-alert admin-alert--info">{t('states.readOnly')}</p>
      {categories.loading ? (
        <Loading />
      ) : categories.error ? (
        <LoadError error={categories.error} onRetry={categories.reload} />
      ) : (
        <>
          <div className="admin-toolbar">
            <Field label={t('categories.filter')} hint={t('categories.filterHint')} name="filter">
              {({ id, describedBy }) => <input id={id} type="search" aria-describedby={describedBy} value={filter} onChange={(event) => setFilter(event.target.value)} />}
            </Field>
          </div>
          {shown.length === 0 ? (
            <p className="admin-empty">{term ? t('states.noResults') : t('states.empty')}</p>
          ) : (
            <TableScroll label={t('categories.tableCaption', { count: shown.length })}>
              <table className="data">
                <caption>{t('categories.tableCaption', { count: shown.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('categories.code')}</th>
                    <th scope="col">{t('categories.nameTh')}</th>
                    <th scope="col">{t('categories.nameEn')}</th>
                    <th scope="col">{t('categories.parent')}</th>
                    <th scope="col">{t('categories.sensitive')}</th>
                    <th scope="col">{t('categories.aliases')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((category) => {
                    const parent = category.parentCode ? byCode.get(category.parentCode) : undefined;
                    return (
                      <tr key={category.code}>
                        <td className="mono">{category.code}</td>
                        <th scope="row" lang="th">
                          {category.nameTh}
                        </th>
                        <td lang="en">{category.nameEn}</td>
                        <td>{parent ? localName(parent, i18n.language) : (category.parentCode ?? t('words.none'))}</td>
                        <td>{category.sensitive ? <span className="badge badge--sensitive">{t('categories.sensitiveBadge')}</span> : <span className="muted">{t('words.no')}</span>}</td>
                        <td>{category.aliases.length > 0 ? category.aliases.join(', ') : t('words.none')}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
    </>
  );
}
