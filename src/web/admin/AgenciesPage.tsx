/**
 * หน่วยงาน: the agency tree, read-only. The tree starts at the top of the signed-in
 * administrator's branch (a system administrator: the root above their agency; an agency
 * administrator: their agency) and loads the children of an agency when it is opened.
 * A search lists matching agencies by code, page by page.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { getAgency, listAgencies, type Agency, type Page } from '../api/admin.ts';
import { fetchProvinces } from '../api/reference.ts';
import { useSession } from '../api/session.tsx';
import type { AdminArea } from '../api/types.ts';
import { Loading } from '../components/Layout.tsx';
import { TextField } from '../components/form.tsx';
import { DataTable, ListStates, ShowMore, ShownCount, usePagedList } from './lists.tsx';
import { LoadError, localName, PageHeading, useAdminErrorText, useLoad } from './ui.tsx';
import { AgencyQuerySchema } from '../../shared/api/agencies.ts';
import { maxLengthOf } from '../../shared/api/fields.ts';

const SEARCH_MAX = maxLengthOf(AgencyQuerySchema.shape.q);

const CHILDREN_PAGE = 100;
const SEARCH_PAGE = 50;

/** The kind's name from the catalogue; an unknown kind is shown as it is. */
export function useKindLabel(): (kind: string) => string {
  const { t } = useTranslation(['admin', 'common']);
  return useCallback(
    (kind: string) => {
      switch (kind) {
        case 'hub':
        case 'ministry':
        case 'department':
        case 'province':
        case 'district':
        case 'local':
        case 'state_enterprise':
        case 'independent':
          return t(`kinds.${kind}`);
        default:
          return t('kinds.other', { kind });
      }
    },
    [t],
  );
}

export function AgenciesPage() {
  const { t } = useTranslation(['admin', 'common']);
  const { user } = useSession();
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState('');
  const [qError, setQError] = useState<string>();
  const provinces = useLoad(() => fetchProvinces().catch(() => [] as AdminArea[]), []);

  const roots = useLoad(
    async (signal): Promise<{ items: Agency[] }> => {
      if (!user) return { items: [] };
      const { ancestors, ...own } = await getAgency(user.agency.code, signal);
      // Who administers every agency sees the whole tree: from its root, the first of the ancestors.
      const root = user.administersEveryAgency ? ancestors[0] : undefined;
      return { items: [root ? await getAgency(root.code, signal) : own] };
    },
    [user?.agency.code, user?.administersEveryAgency],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const term = q.trim();
    if (term.length > SEARCH_MAX) {
      setQError(t('common:errors.tooLong', { max: SEARCH_MAX }));
      return;
    }
    setQError(undefined);
    setSearched(term);
  };

  const areaName = (code: string) => {
    const province = code.length === 2 ? provinces.data?.find((area) => area.code === code) : undefined;
    return province ? `${code} ${province.nameTh}` : code;
  };

  return (
    <>
      <PageHeading title={t('agencies.heading')} lead={t('agencies.lead')} />
      <p className="admin-alert admin-alert--info">{t('states.readOnly')}</p>
      <form className="admin-toolbar" role="search" onSubmit={submit} noValidate>
        <TextField label={t('agencies.searchLabel')} hint={t('agencies.searchHint')} error={qError} name="q" type="search" maxLength={SEARCH_MAX} value={q} onChange={setQ} />
        <div className="admin-toolbar__buttons">
          <button type="submit" className="button button--primary">
            {t('common:actions.search')}
          </button>
          {searched ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setQ('');
                setSearched('');
              }}
            >
              {t('agencies.backToTree')}
            </button>
          ) : null}
        </div>
      </form>
      {searched ? (
        <AgencySearch key={searched} q={searched} areaName={areaName} />
      ) : (
        <ListStates list={roots} empty={t('states.empty')}>
          {(items) => (
            <ul className="agency-tree" aria-label={t('agencies.treeLabel')}>
              {items.map((agency) => (
                <AgencyNode key={agency.code} agency={agency} initiallyOpen ownCode={user?.agency.code} areaName={areaName} />
              ))}
            </ul>
          )}
        </ListStates>
      )}
    </>
  );
}

interface NodeProps {
  agency: Agency;
  initiallyOpen?: boolean;
  ownCode: string | undefined;
  areaName: (code: string) => string;
}

function AgencyNode({ agency, initiallyOpen = false, ownCode, areaName }: NodeProps) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const kindLabel = useKindLabel();
  const errorText = useAdminErrorText();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [children, setChildren] = useState<Page<Agency> | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();

  const load = useCallback(
    async (cursor?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await listAgencies({ parent: agency.code, cursor, limit: CHILDREN_PAGE });
        setChildren((current) => (cursor && current ? { items: [...current.items, ...page.items], nextCursor: page.nextCursor } : page));
      } catch (problem) {
        setError(problem);
      } finally {
        setLoading(false);
      }
    },
    [agency.code],
  );

  const toggle = () => {
    if (!open && !children && !loading) void load();
    setOpen(!open);
  };

  // The root opens by itself when the page does.
  useEffect(() => {
    if (initiallyOpen && agency.childCount > 0) {
      setOpen(true);
      void load();
    }
  }, [initiallyOpen, agency.childCount, load]);

  const name = localName(agency, i18n.language);
  return (
    <li className="agency-node">
      <div className="agency-node__row">
        {agency.childCount > 0 ? (
          <button type="button" className="agency-node__toggle" aria-expanded={open} aria-controls={open ? listId : undefined} onClick={toggle}>
            <span className="agency-node__icon" aria-hidden="true">
              {open ? '▾' : '▸'}
            </span>
            <span className="agency-node__name">{name}</span>
          </button>
        ) : (
          <span className="agency-node__leaf">
            <span className="agency-node__icon" aria-hidden="true">
              ·
            </span>
            <span className="agency-node__name">{name}</span>
          </span>
        )}
        <span className="agency-node__meta">
          <span className="mono">{agency.code}</span>
          <span className="badge badge--kind">{kindLabel(agency.kind)}</span>
          {agency.areaCodes.length > 0 ? <span>{t('agencies.areas', { codes: agency.areaCodes.map(areaName).join(', ') })}</span> : null}
          {agency.childCount > 0 ? <span className="muted">{t('agencies.children', { count: agency.childCount })}</span> : null}
          {agency.code === ownCode ? <span className="badge badge--own">{t('agencies.yourAgency')}</span> : null}
          {!agency.active ? <span className="badge badge--inactive">{t('agencies.inactive')}</span> : null}
        </span>
      </div>
      {open ? (
        <ul id={listId} className="agency-tree__children" aria-label={t('agencies.children', { count: agency.childCount })}>
          {children?.items.map((child) => (
            <AgencyNode key={child.code} agency={child} ownCode={ownCode} areaName={areaName} />
          ))}
          {loading ? (
            <li className="loading" role="status">
              {t('agencies.loadingChildren')}
            </li>
          ) : null}
          {error ? (
            <li>
              <div className="admin-alert admin-alert--error" role="alert">
                <p>{errorText(error).message}</p>
                <button type="button" className="button button--secondary button--small" onClick={() => void load(children?.nextCursor ?? undefined)}>
                  {t('common:actions.retry')}
                </button>
              </div>
            </li>
          ) : null}
          {children?.nextCursor && !loading ? (
            <li>
              <button type="button" className="button button--secondary button--small" onClick={() => void load(children.nextCursor ?? undefined)}>
                {t('agencies.moreChildren')}
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </li>
  );
}

function AgencySearch({ q, areaName }: { q: string; areaName: (code: string) => string }) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const kindLabel = useKindLabel();
  const list = usePagedList((cursor, signal) => listAgencies({ q, cursor, limit: SEARCH_PAGE }, signal), [q]);
  if (list.loading) return <Loading />;
  if (list.error || !list.data) return <LoadError error={list.error} onRetry={list.reload} />;
  const items = list.data.items;

  return (
    <section aria-labelledby="agency-search-heading">
      <h2 id="agency-search-heading">{t('agencies.searchResults', { q })}</h2>
      {items.length === 0 ? (
        <p className="admin-empty">{t('states.noResults')}</p>
      ) : (
        <>
          <ShownCount count={items.length} />
          <DataTable label={t('agencies.searchResults', { q })} caption={null} columns={[t('agencies.name'), t('agencies.code'), t('agencies.kind'), t('agencies.parent'), t('agencies.area')]}>
            {items.map((agency) => (
              <tr key={agency.code}>
                <th scope="row">
                  {localName(agency, i18n.language)}
                  {!agency.active ? <span className="badge badge--inactive">{t('agencies.inactive')}</span> : null}
                </th>
                <td className="mono">{agency.code}</td>
                <td>{kindLabel(agency.kind)}</td>
                <td className="mono">{agency.parentCode ?? t('words.none')}</td>
                <td>{agency.areaCodes.length > 0 ? agency.areaCodes.map(areaName).join(', ') : t('words.none')}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      <ShowMore list={list} />
    </section>
  );
}
