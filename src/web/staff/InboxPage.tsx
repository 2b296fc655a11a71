/**
 * เรื่องของหน่วยงาน: the inbox — filters mirrored in the address (so a view can be bookmarked),
 * Thai search, sort, keyset pages with "show more", saved filters and bulk actions.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'wouter';
import { fetchCategories, fetchProvinces, useList } from '../api/reference.ts';
import { listCases } from '../api/staff.ts';
import type { CaseListItem } from '../api/types.ts';
import { Loading } from '../components/Layout.tsx';
import { useApiErrorText } from '../components/use-form-errors.ts';
import { PHONE_QUERY, useMediaQuery } from '../components/use-media-query.ts';
import { BulkActions, BulkOutcome, type BulkOutcomeData } from './BulkActions.tsx';
import { CaseTable } from './CaseTable.tsx';
import { FilterForm } from './FilterForm.tsx';
import { activeFilterCount, filtersFromSearch, hiddenFilterCount, filtersToQuery, listQuery, type InboxFilters } from './inbox-query.ts';
import { SavedFilters } from './SavedFilters.tsx';
import { Empty, LoadError } from './states.tsx';

const PAGE_SIZE = 25;
const ALL = 'all';

interface ListState {
  key: string;
  status: 'loading' | 'ready' | 'failed';
  items: CaseListItem[];
  nextCursor: string | null;
  error?: unknown;
  loadingMore: boolean;
  moreError?: unknown;
}

export function InboxPage() {
  const { t } = useTranslation(['staff', 'common']);
  const [searchParams, setSearchParams] = useSearchParams();
  // By its text: the params object is new on every render, the filters must not be.
  const search = searchParams.toString();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(search)), [search]);
  const query = useMemo(() => filtersToQuery(filters), [filters]);
  const key = new URLSearchParams(query).toString();
  const categories = useList(ALL, fetchCategories);
  const provinces = useList(ALL, fetchProvinces);
  const apiErrorText = useApiErrorText();
  const [list, setList] = useState<ListState>({ key, status: 'loading', items: [], nextCursor: null, loadingMore: false });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [generation, setGeneration] = useState(0);
  const [outcome, setOutcome] = useState<BulkOutcomeData | null>(null);
  const phone = useMediaQuery(PHONE_QUERY);
  // Opened or closed with the "ตัวกรอง" button (or opened by the form for what it must show);
  // undefined until then.
  const [toolsOpened, setToolsOpened] = useState<boolean>();

  useEffect(() => {
    const controller = new AbortController();
    setList((previous) => ({ key, status: 'loading', items: previous.key === key ? previous.items : [], nextCursor: null, loadingMore: false }));
    listCases(listQuery(filters, null, PAGE_SIZE), controller.signal).then(
      (page) => !controller.signal.aborted && setList({ key, status: 'ready', items: page.items, nextCursor: page.nextCursor, loadingMore: false }),
      (error: unknown) => !controller.signal.aborted && setList({ key, status: 'failed', items: [], nextCursor: null, error, loadingMore: false }),
    );
    return () => controller.abort();
    // `filters` is derived from `key`: the key (and a reload) decide when to load again.
  }, [key, generation]);

  useEffect(() => setSelected(new Set()), [key]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  const showMore = async () => {
    if (!list.nextCursor) return;
    setList((previous) => ({ ...previous, loadingMore: true, moreError: undefined }));
    try {
      const page = await listCases(listQuery(filters, list.nextCursor, PAGE_SIZE));
      setList((previous) => (previous.key === key ? { ...previous, items: [...previous.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false } : previous));
    } catch (error) {
      setList((previous) => ({ ...previous, loadingMore: false, moreError: error }));
    }
  };

  const apply = (next: InboxFilters) => setSearchParams(filtersToQuery(next));

  // The server's objections to the filters (a search with no words…) belong on their fields.
  const serverFilterErrors = list.status === 'failed' ? fieldErrorsOfQuery(apiErrorText(list.error).fields) : {};
  const items = list.key === key ? list.items : [];
  // The one rule of the filters behind the button: the server's objection to a filter is shown on
  // it (on a phone every filter is behind the button); otherwise as the button left them; before
  // it is used, on a wide screen they show while one of them is in use, and on a phone they wait
  // behind it, so the first case shows on the first screen.
  const toolsShown = Object.keys(serverFilterErrors).length > 0 || (toolsOpened ?? (!phone && hiddenFilterCount(filters) > 0));
  const selectedItems = items.filter((item) => selected.has(item.id));

  return (
    <div className="inbox">
      <h1>{t('inbox.heading')}</h1>
      <p className="lead">{t('inbox.lead')}</p>
      {/* เรื่องที่ส่งต่อ / ติดตาม: the cases the agency sent on, which it follows while another agency holds them. */}
      <div className="button-row" role="group" aria-label={t('inbox.viewLabel')}>
        {([false, true] as const).map((following) => (
          <button
            key={String(following)}
            type="button"
            className={filters.following === following ? 'button button--primary' : 'button button--secondary'}
            aria-pressed={filters.following === following}
            onClick={() => apply({ ...filters, following })}
          >
            {following ? t('inbox.viewFollowing') : t('inbox.viewHeld')}
          </button>
        ))}
      </div>
      {filters.following ? <p className="muted">{t('inbox.followingHint')}</p> : null}
      <div className="inbox__tools" data-open={toolsShown}>
        <FilterForm
          filters={filters}
          onApply={apply}
          categories={categories.items}
          provinces={provinces.items}
          serverErrors={serverFilterErrors}
          open={toolsShown}
          onOpenChange={setToolsOpened}
          countOnButton={phone ? activeFilterCount(filters) : hiddenFilterCount(filters)}
          controls="inbox-saved"
        />
        <div id="inbox-saved" hidden={!toolsShown}>
          <SavedFilters currentQuery={query} onApply={(saved) => setSearchParams(saved)} />
        </div>
      </div>

      {selectedItems.length > 0 ? (
        <BulkActions
          selected={selectedItems}
          onClear={() => setSelected(new Set())}
          onDone={(done) => {
            const succeeded = new Set(done.results.filter((result) => result.ok).map((result) => result.id));
            setSelected((previous) => new Set([...previous].filter((id) => !succeeded.has(id))));
            setOutcome(done);
            reload();
          }}
        />
      ) : null}
      {outcome ? <BulkOutcome outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}

      <section aria-labelledby="inbox-results" className="inbox__results">
        <h2 id="inbox-results" className="visually-hidden">
          {t('inbox.results')}
        </h2>
        {list.status === 'loading' && items.length === 0 ? <Loading /> : null}
        {list.status === 'failed' && Object.keys(serverFilterErrors).length === 0 ? <LoadError error={list.error} retry={reload} /> : null}
        {list.status === 'ready' && items.length === 0 ? <Empty hint={Object.keys(query).length > 0 ? t('inbox.emptyHint') : undefined}>{t('inbox.empty')}</Empty> : null}
        {items.length > 0 ? (
          <>
            <p className="muted" role="status">
              {t('states.shown', { count: items.length })}
            </p>
            <CaseTable items={items} categories={categories.items} selected={selected} onSelect={setSelected} />
          </>
        ) : null}
        {list.moreError ? <LoadError error={list.moreError} retry={() => void showMore()} /> : null}
        {list.status === 'ready' && list.nextCursor ? (
          <div className="button-row">
            <button type="button" className="button button--secondary" onClick={() => void showMore()} disabled={list.loadingMore}>
              {list.loadingMore ? t('states.loadingMore') : t('common:actions.loadMore')}
            </button>
          </div>
        ) : null}
      </section>
    </div>
  );
}

/** `query.q` → `q`: the list's query-string errors named as the filter form's fields. */
function fieldErrorsOfQuery(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([field, message]) => [field.replace(/^query\./, ''), message]));
}
