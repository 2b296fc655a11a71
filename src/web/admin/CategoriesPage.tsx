/** ประเภทเรื่อง: the complaint categories with their parents, sensitive flags and aliases (read-only). */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchCategories } from '../api/reference.ts';
import { Loading } from '../components/Layout.tsx';
import { TextField } from '../components/form.tsx';
import { DataTable } from './lists.tsx';
import { LoadError, localName, PageHeading, useLoad } from './ui.tsx';

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
      <PageHeading title={t('categories.heading')} lead={t('categories.lead')} />
      <p className="admin-alert admin-alert--info">{t('states.readOnly')}</p>
      {categories.loading ? (
        <Loading />
      ) : categories.error ? (
        <LoadError error={categories.error} onRetry={categories.reload} />
      ) : (
        <>
          <div className="admin-toolbar">
            <TextField label={t('categories.filter')} hint={t('categories.filterHint')} name="filter" type="search" value={filter} onChange={setFilter} />
          </div>
          {shown.length === 0 ? (
            <p className="admin-empty">{term ? t('states.noResults') : t('states.empty')}</p>
          ) : (
            <DataTable
              label={t('categories.tableCaption', { count: shown.length })}
              caption={t('categories.tableCaption', { count: shown.length })}
              columns={[t('categories.code'), t('categories.nameTh'), t('categories.nameEn'), t('categories.parent'), t('categories.sensitive'), t('categories.aliases')]}
            >
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
            </DataTable>
          )}
        </>
      )}
    </>
  );
}
