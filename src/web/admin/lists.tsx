/**
 * The lists of the administration pages: keyset pages with "show more", the loading, error
 * and empty states, the filter bar, the table (or, on a phone, its rows as cards), the row
 * actions (edit, delete after asking), the create/edit panel the page opens, and the lines
 * saying what was done.
 */
import { useState, type ComponentProps, type DependencyList, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/admin.ts';
import { ErrorSummary } from '../components/form.tsx';
import { Loading } from '../components/Layout.tsx';
import { PHONE_QUERY, useMediaQuery } from '../components/use-media-query.ts';
import { ActionLabel, ConfirmButton, LoadError, StatusMessage, TableScroll, useAdminErrorText, useLoad, type Loaded } from './ui.tsx';

export interface PagedList<T, P extends Page<T> = Page<T>> extends Loaded<P> {
  /** Appends the next page to the list. */
  loadMore: () => Promise<void>;
  loadingMore: boolean;
  moreError: unknown;
}

/**
 * A list the API gives page by page: the first page loads when the dependencies change, "show
 * more" appends (what else the first page says, e.g. the list's owner, stays).
 */
export function usePagedList<P extends Page<unknown>>(fetchPage: (cursor: string | undefined, signal?: AbortSignal) => Promise<P>, deps: DependencyList): PagedList<P['items'][number], P> {
  const list = useLoad((signal) => fetchPage(undefined, signal), deps);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();
  const loadMore = async () => {
    const cursor = list.data?.nextCursor;
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await fetchPage(cursor);
      list.setData((current) => ({ ...(current ?? page), items: [...(current?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    } catch (problem) {
      setMoreError(problem);
    } finally {
      setLoadingMore(false);
    }
  };
  return { ...list, loadMore, loadingMore, moreError };
}

/** The "show more" button of a paged list, and what went wrong loading more. */
export function ShowMore<T>({ list }: { list: Pick<PagedList<T>, 'data' | 'moreError' | 'loadMore' | 'loadingMore'> }) {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <>
      {list.moreError ? <LoadError error={list.moreError} onRetry={() => void list.loadMore()} /> : null}
      {list.data?.nextCursor ? (
        <div className="button-row">
          <button type="button" className="button button--secondary" disabled={list.loadingMore} onClick={() => void list.loadMore()}>
            {list.loadingMore ? t('common:states.loading') : t('common:actions.loadMore')}
          </button>
        </div>
      ) : null}
    </>
  );
}

/** A loaded list's states: loading, failed (with a retry), empty, or its items. */
export function ListStates<T>({ list, empty, children }: { list: Pick<Loaded<{ items: T[] }>, 'data' | 'error' | 'loading' | 'reload'>; empty: string; children: (items: T[]) => ReactNode }) {
  if (list.loading && !list.data) return <Loading />;
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  if (!list.data || list.data.items.length === 0) return <p className="admin-empty">{empty}</p>;
  return <>{children(list.data.items)}</>;
}

/** How many rows are shown, read out when it changes. */
export function ShownCount({ count }: { count: number }) {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <p className="muted" role="status">
      {t('states.showing', { count })}
    </p>
  );
}

/** A column heading: its words, or words with a class (numbers are right-aligned). */
export type Column = string | { key: string; label: ReactNode; className?: string };

export interface DataTableProps {
  /** Names the scrolling region, and the table unless a caption is given. */
  label: string;
  /** A visible caption; without it the label is the table's caption, for screen readers only; null for none. */
  caption?: ReactNode;
  columns: readonly Column[];
  /**
   * On a phone, each row a card with its cells one under another (rows of `Row`, `RowHeader`
   * and `Cell`), instead of a table scrolling sideways: for tables too wide to read that way.
   */
  cards?: boolean;
  children: ReactNode;
}

/**
 * A data table in its sideways-scrolling region, with column headings; with `cards`, on a
 * phone its rows are cards. It stays the same table: the headings are there for screen readers
 * (only hidden from sight), and the roles are said outright, for browsers that forget a
 * table's when its rows are laid out as boxes.
 */
export function DataTable({ label, caption, columns, cards = false, children }: DataTableProps) {
  const phone = useMediaQuery(PHONE_QUERY);
  const asCards = cards && phone;
  return (
    <TableScroll label={label} cards={asCards}>
      <table className={asCards ? 'data data--cards' : 'data'} role="table">
        {caption === undefined ? <caption className="visually-hidden">{label}</caption> : caption === null ? null : <caption>{caption}</caption>}
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((column) =>
              typeof column === 'string' ? (
                <th scope="col" role="columnheader" key={column}>
                  {column}
                </th>
              ) : (
                <th scope="col" role="columnheader" key={column.key} className={column.className}>
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody role="rowgroup">{children}</tbody>
      </table>
    </TableScroll>
  );
}

/** A row of a table that may be shown as cards (its role said outright, see DataTable). */
export function Row(props: ComponentProps<'tr'>) {
  return <tr role="row" {...props} />;
}

/** The cell naming a row, the title of its card. */
export function RowHeader(props: ComponentProps<'th'>) {
  return <th scope="row" role="rowheader" {...props} />;
}

/**
 * A cell of a table that may be shown as cards; `label`, its column's name, is written above
 * it on a card (for sight only: a screen reader says the column heading) when the cell's
 * words do not say what they are.
 */
export function Cell({ label, ...props }: ComponentProps<'td'> & { label?: string }) {
  return <td role="cell" data-label={label} {...props} />;
}

export interface PagedTableProps<T> {
  list: PagedList<T>;
  /** True when filters are applied: an empty list then says "no results", not "nothing yet". */
  filtered: boolean;
  label: string;
  columns: readonly Column[];
  /** On a phone, the rows as cards (see DataTable). */
  cards?: boolean;
  /** The rows of the items loaded so far. */
  children: (items: T[]) => ReactNode;
}

/** A paged list as a table: its states, how many rows are shown, the rows and "show more". */
export function PagedTable<T>({ list, filtered, label, columns, cards, children }: PagedTableProps<T>) {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <ListStates list={list} empty={filtered ? t('states.noResults') : t('states.empty')}>
      {(items) => (
        <>
          <ShownCount count={items.length} />
          <DataTable label={label} columns={columns} cards={cards}>
            {children(items)}
          </DataTable>
          <ShowMore list={list} />
        </>
      )}
    </ListStates>
  );
}

/**
 * The filters being edited and those applied to the list (a new object each time it is
 * applied); `initial` when the page opens with some applied (from its address).
 */
export function useFilters<F>(none: F, normalize: (filters: F) => F = (filters) => filters, initial: F = none) {
  const [draft, setDraft] = useState<F>(initial);
  const [applied, setApplied] = useState<F>(initial);
  return {
    draft,
    setDraft,
    applied,
    /** True when filters are applied. */
    filtered: applied !== none,
    apply: () => setApplied(normalize(draft)),
    reset: () => {
      setDraft(none);
      setApplied(none);
    },
  };
}

export interface FilterBarProps {
  /** The legend, which names the form too. */
  legend: string;
  onApply: () => void;
  /** A Reset button when given. */
  onReset?: () => void;
  /** The submit button's words; "Apply" by default. */
  applyLabel?: string;
  children: ReactNode;
}

/** The filters above a list: fields, Apply and Reset. */
export function FilterBar({ legend, onApply, onReset, applyLabel, children }: FilterBarProps) {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <form
      className="admin-filters"
      aria-label={legend}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onApply();
      }}
    >
      <fieldset className="form-section">
        <legend>{legend}</legend>
        {children}
        <div className="button-row">
          <button type="submit" className="button button--primary">
            {applyLabel ?? t('words.apply')}
          </button>
          {onReset ? (
            <button type="button" className="button button--secondary" onClick={onReset}>
              {t('words.reset')}
            </button>
          ) : null}
        </div>
      </fieldset>
    </form>
  );
}

export interface RowActionsProps {
  /** Which row, for screen readers ("the rule of flood in Phichit"). */
  context: string;
  onEdit?: () => void;
  /** The edit button's words; "Edit" by default. */
  editLabel?: string;
  /** The question asked before deleting; no Delete button without it. */
  deleteText?: string;
  onDelete?: () => Promise<void> | void;
}

/** A row's Edit and Delete buttons; Delete asks first. */
export function RowActions({ context, onEdit, editLabel, deleteText, onDelete }: RowActionsProps) {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <div className="admin-actions">
      {onEdit ? (
        <button type="button" className="button button--secondary button--small" onClick={onEdit}>
          <ActionLabel text={editLabel ?? t('common:actions.edit')} context={context} />
        </button>
      ) : null}
      {deleteText && onDelete ? <ConfirmButton label={t('common:actions.delete')} context={context} text={deleteText} onConfirm={onDelete} /> : null}
    </div>
  );
}

/** The page's primary "add" button. */
export function AddButton({ label, onClick, ref }: { label: string; onClick: () => void; ref?: Ref<HTMLButtonElement> }) {
  return (
    <div className="button-row">
      <button ref={ref} type="button" className="button button--primary" onClick={onClick}>
        {label}
      </button>
    </div>
  );
}

export type Panel<T> = { kind: 'create' } | { kind: 'edit'; item: T } | null;

/**
 * What the page shows above its list — nothing, the create form or an item's edit form —
 * and the lines saying what was done or why it was refused. Opening a form clears the last
 * "saved" line; opening an edit form scrolls up to it.
 */
export function useAdminPage<T extends { id: string }>() {
  const { t } = useTranslation(['admin', 'common']);
  const errorText = useAdminErrorText();
  const [panel, setPanel] = useState<Panel<T>>(null);
  const [status, setStatus] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  return {
    panel,
    /** The item of the open edit form; undefined for none or the create form. */
    editing: panel?.kind === 'edit' ? panel.item : undefined,
    /** A key for the form, so that another item's form starts afresh. */
    formKey: panel?.kind === 'edit' ? panel.item.id : 'new',
    status,
    actionError,
    openCreate: () => {
      setStatus(undefined);
      setPanel({ kind: 'create' });
    },
    openEdit: (item: T) => {
      setStatus(undefined);
      setPanel({ kind: 'edit', item });
      window.scrollTo({ top: 0 });
    },
    /** Closes the form, saying what was done if it was. */
    close: (done?: string) => {
      setPanel(null);
      if (done) setStatus(done);
    },
    /** Deletes, then updates the list and says so (in `removed`'s words, if it has any); a refusal is shown above the list. */
    remove: async <R,>(request: () => Promise<R>, removed: (result: R) => string | void) => {
      setStatus(undefined);
      setActionError(undefined);
      try {
        const result = await request();
        setStatus(removed(result) ?? t('states.deleted'));
      } catch (error) {
        setActionError(errorText(error).message);
      }
    },
  };
}

/** What was done (politely announced) and what was refused (an alert). */
export function Notices({ status, actionError }: { status: string | undefined; actionError?: string | undefined }) {
  return (
    <>
      <StatusMessage text={status} />
      <ErrorSummary message={actionError} />
    </>
  );
}

/** The list without the item of this id. */
export function withoutItem<L extends { items: Array<{ id: string }> }>(id: string): (current: L | undefined) => L | undefined {
  return (current) => current && { ...current, items: current.items.filter((item) => item.id !== id) };
}

/** The list with this item in place of the one of the same id. */
export function withItem<L extends { items: Array<{ id: string }> }>(saved: L['items'][number]): (current: L | undefined) => L | undefined {
  return (current) => current && { ...current, items: current.items.map((item) => (item.id === saved.id ? saved : item)) };
}
