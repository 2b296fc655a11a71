/**
 * Building blocks of the administration pages: loading and error states, the confirmation
 * dialog of destructive actions, the page heading that takes the focus after navigation,
 * scrollable tables, and the translation of the API's field errors into the catalogue.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { useSession } from '../api/session.tsx';
import type { AgencyRef } from '../components/AgencyPicker.tsx';
import { useApiErrorText } from '../components/use-form-errors.ts';

// Shared with the console's agency picker.
export { isAbort, localName } from '../components/names.ts';
import { isAbort } from '../components/names.ts';
import { PASSWORD_MIN } from '../../shared/api/users.ts';

/**
 * The server's field messages are English sentences for API clients; the ones an
 * administrator can meet are said again from the catalogue, anything else is shown as sent.
 */
const FIELD_MESSAGES: ReadonlyArray<{ field?: string; pattern: RegExp; key: FieldMessageKey; values?: Record<string, unknown> }> = [
  { field: 'automatic', pattern: /sensitive category/i, key: 'sensitiveAutomatic' },
  { field: 'username', pattern: /already taken/i, key: 'usernameTaken' },
  { field: 'username', pattern: /must be 3–64/i, key: 'usernamePattern' },
  { field: 'password', pattern: /too small|at least|>=/i, key: 'passwordTooShort', values: { min: PASSWORD_MIN } },
  { field: 'active', pattern: /your own account/i, key: 'selfDeactivate' },
  { field: 'role', pattern: /your own account/i, key: 'selfRole' },
  { field: 'role', pattern: /system_admin/i, key: 'grantSystemAdmin' },
  { pattern: /outside the agencies you administer/i, key: 'outsideScope' },
  { pattern: /unknown agency/i, key: 'unknownAgency' },
  { pattern: /unknown category/i, key: 'unknownCategory' },
  { pattern: /unknown province or district/i, key: 'unknownArea' },
  { field: 'areaCode', pattern: /province \(2 digits\)/i, key: 'areaPattern' },
  { field: 'dueSoonBusinessDays', pattern: /less than the target/i, key: 'dueSoonTooLong' },
  { field: 'statutoryBusinessDays', pattern: /shorter than the target/i, key: 'statutoryTooShort' },
  { field: 'name', pattern: /Thai name/i, key: 'thaiName' },
  { field: 'id', pattern: /default policy/i, key: 'defaultPolicy' },
  { field: 'date', pattern: /already a day off/i, key: 'dayAlreadyOff' },
];

type FieldMessageKey =
  | 'sensitiveAutomatic'
  | 'usernameTaken'
  | 'usernamePattern'
  | 'passwordTooShort'
  | 'selfDeactivate'
  | 'selfRole'
  | 'grantSystemAdmin'
  | 'outsideScope'
  | 'unknownAgency'
  | 'unknownCategory'
  | 'unknownArea'
  | 'areaPattern'
  | 'dueSoonTooLong'
  | 'statutoryTooShort'
  | 'thaiName'
  | 'defaultPolicy'
  | 'dayAlreadyOff';

/** The overall message and the field messages of a failed request, in the reader's language. */
export function useAdminErrorText(): (error: unknown) => { message: string; fields: Record<string, string> } {
  const { t } = useTranslation(['admin', 'common']);
  const apiErrorText = useApiErrorText();
  return useCallback(
    (error) => {
      const text = apiErrorText(error);
      // The server's Thai text of a bare 403 or 404 is generic: say what it means here.
      if (error instanceof ApiError && error.details.length === 0) {
        if (error.status === 403) text.message = `${text.message} — ${t('states.forbiddenScope')}`;
        if (error.status === 404) text.message = `${text.message} — ${t('states.notFoundScope')}`;
      }
      const fields: Record<string, string> = {};
      for (const [field, message] of Object.entries(text.fields)) {
        const known = FIELD_MESSAGES.find((entry) => (!entry.field || entry.field === field) && entry.pattern.test(message));
        fields[field] = known ? String(t(`fieldErrors.${known.key}`, known.values as never)) : message;
      }
      return { message: text.message, fields };
    },
    [apiErrorText, t],
  );
}


export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (update: (current: T | undefined) => T | undefined) => void;
}

/** Loads data when the dependencies change; aborts what the page no longer needs. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((current) => ({ ...current, error: undefined, loading: true }));
    load(controller.signal).then(
      (data) => setState({ data, error: undefined, loading: false }),
      (error: unknown) => {
        if (!isAbort(error)) setState({ data: undefined, error, loading: false });
      },
    );
    return () => controller.abort();
    // The caller names what the load depends on, like useEffect's own list.
  }, [...deps, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  const setData = useCallback((update: (current: T | undefined) => T | undefined) => setState((current) => ({ ...current, data: update(current.data) })), []);
  return { ...state, reload, setData };
}

/** What went wrong loading a page's data, with the server's 403/404 message and a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const errorText = useAdminErrorText();
  const text = errorText(error);
  const status = error instanceof ApiError ? error.status : 0;
  return (
    <div className="admin-alert admin-alert--error" role="alert">
      <p className="admin-alert__title">{t('states.loadFailed')}</p>
      <p>
        {text.message}
        {status ? <span className="muted"> (HTTP {status})</span> : null}
      </p>
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common:actions.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** A polite line saying something was done (saved, deleted). */
export function StatusMessage({ text }: { text: string | undefined }) {
  return (
    <div role="status" aria-live="polite" className="admin-status">
      {text ? <p className="success">{text}</p> : null}
    </div>
  );
}

/**
 * The page's heading (the title unless children are given) and its lead paragraph: the
 * heading takes the focus when the page opens, and names the browser tab.
 */
export function PageHeading({ children, title, lead }: { children?: ReactNode; title: string; lead?: string }) {
  const { t } = useTranslation(['admin', 'common']);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('pageTitle', { page: title });
    ref.current?.focus();
  }, [t, title]);
  return (
    <>
      <h1 ref={ref} tabIndex={-1} className="admin-heading">
        {children ?? title}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
    </>
  );
}

/**
 * A wide table that scrolls sideways on a phone; the region is focusable for keyboard scrolling.
 * A table shown as cards (`cards`) does not scroll: the region is then no stop of the Tab key.
 */
export function TableScroll({ label, cards = false, children }: { label: string; cards?: boolean; children: ReactNode }) {
  return (
    <div className={cards ? 'table-scroll table-scroll--cards' : 'table-scroll'} role="region" aria-label={label} tabIndex={cards ? undefined : 0}>
      {children}
    </div>
  );
}

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
}

/** A modal question before a destructive action; Escape or Cancel closes it, Cancel has the focus. */
export function ConfirmDialog({ open, title, text, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const { t } = useTranslation(['admin', 'common']);
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      onClose();
    }
  };
  return (
    <dialog ref={ref} className="admin-dialog" aria-labelledby={open ? 'admin-dialog-title' : undefined} onClose={onClose} onCancel={onClose}>
      {open ? (
        <>
          <h2 id="admin-dialog-title">{title}</h2>
          <p>{text}</p>
          <div className="button-row">
            <button type="button" className="button button--secondary" autoFocus onClick={onClose} disabled={busy}>
              {t('confirm.cancel')}
            </button>
            <button type="button" className="button button--danger-solid" onClick={() => void confirm()} disabled={busy}>
              {busy ? t('confirm.working') : confirmLabel}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}

/**
 * A row action's words: what is shown ("แก้ไข") and, for screen readers, which row it acts on
 * — added after the visible words so the accessible name still starts with them.
 */
export function ActionLabel({ text, context }: { text: string; context: string | undefined }) {
  return (
    <>
      {text}
      {context ? <span className="visually-hidden"> {context}</span> : null}
    </>
  );
}

/** A button that asks before doing something that cannot be undone. */
export function ConfirmButton({ label, context, text, confirmLabel, onConfirm }: { label: string; context?: string; text: string; confirmLabel?: string; onConfirm: () => Promise<void> | void }) {
  const { t } = useTranslation(['admin', 'common']);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--danger button--small" onClick={() => setOpen(true)}>
        <ActionLabel text={label} context={context} />
      </button>
      <ConfirmDialog open={open} title={t('confirm.title')} text={text} confirmLabel={confirmLabel ?? label} onConfirm={onConfirm} onClose={() => setOpen(false)} />
    </>
  );
}

/** A whole number within bounds from a form's text, or undefined. */
export function parseWhole(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : undefined;
}

/** The agency a page of one agency shows, with its setter: the administrator's own at first. */
export function useAgencyChoice() {
  const { user } = useSession();
  return useState<AgencyRef | null>(() => (user ? { code: user.agency.code, nameTh: user.agency.nameTh, nameEn: user.agency.nameEn } : null));
}

/**
 * A button that copies `text` to the clipboard and says so. Where the browser gives no clipboard
 * (a page not served over HTTPS), it says to copy the text by hand.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation(['admin', 'common']);
  const [said, setSaid] = useState<string>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid(t('copy.copied'));
    } catch {
      setSaid(t('copy.failed'));
    }
  };
  return (
    <>
      <button type="button" className="button button--secondary button--small" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" aria-live="polite" className="copy-status">
        {said}
      </span>
    </>
  );
}
