/**
 * ผู้ใช้และบทบาท: the accounts an administrator manages — search and filters, keyset "show
 * more", creating an account, and changing one (name, e-mail, role, active, a new password).
 * The server refuses changes to one's own role or activity; its message shows on the field.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../shared/case-model.ts';
import { createUser, listUsers, PASSWORD_MAX, PASSWORD_MIN, updateUser, USERNAME_PATTERN, type UserAccount, type UserChanges, type UserQuery } from '../api/admin.ts';
import { useSession } from '../api/session.tsx';
import { formatDate } from '../components/dates.ts';
import { ErrorSummary, Field } from '../components/form.tsx';
import { Loading } from '../components/Layout.tsx';
import { AgencyPicker, type AgencyRef } from './AgencyPicker.tsx';
import { ActionLabel, ConfirmDialog, LoadError, localName, PageHeading, StatusMessage, TableScroll, useAdminErrorText, useLoad } from './ui.tsx';

const PAGE = 50;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Filters {
  q: string;
  agency: AgencyRef | null;
  role: Role | '';
  active: '' | 'true' | 'false';
}

const NO_FILTERS: Filters = { q: '', agency: null, role: '', active: '' };

function toQuery(filters: Filters): UserQuery {
  return { q: filters.q.trim() || undefined, agencyCode: filters.agency?.code, role: filters.role || undefined, active: filters.active || undefined, limit: PAGE };
}

/** The roles this administrator may grant (only system administrators grant system_admin). */
function useGrantableRoles(): readonly Role[] {
  const { user } = useSession();
  return user?.role === 'system_admin' ? ROLES : ROLES.filter((role) => role !== 'system_admin');
}

type Panel = { kind: 'create' } | { kind: 'edit'; account: UserAccount } | null;

export function UsersPage() {
  const { t, i18n } = useTranslation('admin');
  const { user: me } = useSession();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [panel, setPanel] = useState<Panel>(null);
  const [status, setStatus] = useState<string>();
  const list = useLoad((signal) => listUsers(toQuery(applied), signal), [applied]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();
  const addButton = useRef<HTMLButtonElement>(null);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setApplied({ ...draft, q: draft.q.slice(0, 100) });
  };

  const loadMore = async () => {
    const cursor = list.data?.nextCursor;
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await listUsers({ ...toQuery(applied), cursor });
      list.setData((current) => ({ items: [...(current?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    } catch (problem) {
      setMoreError(problem);
    } finally {
      setLoadingMore(false);
    }
  };

  const closePanel = () => {
    setPanel(null);
    addButton.current?.focus();
  };

  return (
    <>
      <PageHeading title={t('users.heading')}>{t('users.heading')}</PageHeading>
      <p className="lead">{t('users.lead')}</p>
      <StatusMessage text={status} />

      {panel?.kind === 'create' ? (
        <CreateUserForm
          onCancel={closePanel}
          onCreated={(account) => {
            setStatus(t('users.createdMessage', { username: account.username }));
            setPanel(null);
            list.reload();
          }}
        />
      ) : panel?.kind === 'edit' ? (
        <EditUserForm
          key={panel.account.id}
          account={panel.account}
          isSelf={panel.account.id === me?.id}
          onCancel={closePanel}
          onSaved={(account) => {
            setStatus(t('users.savedMessage', { username: account.username }));
            setPanel(null);
            list.setData((current) => current && { ...current, items: current.items.map((item) => (item.id === account.id ? account : item)) });
          }}
        />
      ) : (
        <div className="button-row">
          <button
            ref={addButton}
            type="button"
            className="button button--primary"
            onClick={() => {
              setStatus(undefined);
              setPanel({ kind: 'create' });
            }}
          >
            {t('users.add')}
          </button>
        </div>
      )}

      <form className="admin-filters" onSubmit={apply} noValidate aria-label={t('words.filters')}>
        <fieldset className="form-section">
          <legend>{t('words.filters')}</legend>
          <div className="field-row">
            <Field label={t('users.search')} hint={t('users.searchHint')} name="q">
              {({ id, describedBy }) => (
                <input id={id} type="search" maxLength={100} aria-describedby={describedBy} value={draft.q} onChange={(event) => setDraft({ ...draft, q: event.target.value })} />
              )}
            </Field>
            <Field label={t('users.role')} name="role">
              {({ id }) => (
                <select id={id} value={draft.role} onChange={(event) => setDraft({ ...draft, role: event.target.value as Role | '' })}>
                  <option value="">{t('words.any')}</option>
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`roles.${role}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('users.status')} name="active">
              {({ id }) => (
                <select id={id} value={draft.active} onChange={(event) => setDraft({ ...draft, active: event.target.value as Filters['active'] })}>
                  <option value="">{t('words.any')}</option>
                  <option value="true">{t('users.active')}</option>
                  <option value="false">{t('users.inactive')}</option>
                </select>
              )}
            </Field>
          </div>
          <AgencyPicker label={t('users.agencyFilter')} name="agencyCode" value={draft.agency} onChange={(agency) => setDraft({ ...draft, agency })} />
          <div className="button-row">
            <button type="submit" className="button button--primary">
              {t('words.apply')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setDraft(NO_FILTERS);
                setApplied(NO_FILTERS);
              }}
            >
              {t('words.reset')}
            </button>
          </div>
        </fieldset>
      </form>

      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : !list.data || list.data.items.length === 0 ? (
        <p className="admin-empty">{applied === NO_FILTERS ? t('states.empty') : t('states.noResults')}</p>
      ) : (
        <>
          <p className="muted" role="status">
            {t('states.showing', { count: list.data.items.length })}
          </p>
          <TableScroll label={t('users.tableCaption')}>
            <table className="data">
              <caption className="visually-hidden">{t('users.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('users.username')}</th>
                  <th scope="col">{t('users.displayName')}</th>
                  <th scope="col">{t('users.role')}</th>
                  <th scope="col">{t('users.agency')}</th>
                  <th scope="col">{t('users.status')}</th>
                  <th scope="col">{t('users.created')}</th>
                  <th scope="col">{t('words.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((account) => (
                  <tr key={account.id} className={account.active ? undefined : 'row--inactive'}>
                    <th scope="row">
                      <span className="mono">{account.username}</span>
                      {account.id === me?.id ? <span className="badge badge--own">{t('users.self')}</span> : null}
                    </th>
                    <td>
                      {account.displayName}
                      {account.email ? <div className="muted small">{account.email}</div> : null}
                    </td>
                    <td>{t(`roles.${account.role}`)}</td>
                    <td>
                      {localName(account.agency, i18n.language)} <span className="mono muted small">{account.agency.code}</span>
                    </td>
                    <td>{account.active ? <span className="badge badge--active">{t('users.active')}</span> : <span className="badge badge--inactive">{t('users.inactive')}</span>}</td>
                    <td>{formatDate(account.createdAt, i18n.language)}</td>
                    <td>
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => {
                          setStatus(undefined);
                          setPanel({ kind: 'edit', account });
                          window.scrollTo({ top: 0 });
                        }}
                      >
                        <ActionLabel text={t('users.edit')} context={t('users.rowContext', { username: account.username })} />
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {moreError ? <LoadError error={moreError} onRetry={() => void loadMore()} /> : null}
          {list.data.nextCursor ? (
            <div className="button-row">
              <button type="button" className="button button--secondary" disabled={loadingMore} onClick={() => void loadMore()}>
                {loadingMore ? t('common:states.loading') : t('common:actions.loadMore')}
              </button>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}

function useUserLabels(): Record<string, string> {
  const { t } = useTranslation('admin');
  return {
    username: t('users.username'),
    displayName: t('users.displayName'),
    email: t('users.email'),
    agencyCode: t('users.agency'),
    role: t('users.role'),
    password: t('users.password'),
    active: t('users.activeLabel'),
  };
}

function CreateUserForm({ onCreated, onCancel }: { onCreated: (account: UserAccount) => void; onCancel: () => void }) {
  const { t } = useTranslation('admin');
  const roles = useGrantableRoles();
  const labels = useUserLabels();
  const errorText = useAdminErrorText();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [agency, setAgency] = useState<AgencyRef | null>(null);
  const [role, setRole] = useState<Role | ''>('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const name = username.trim().toLowerCase();
    if (!name) problems.username = t('common:errors.required');
    else if (!USERNAME_PATTERN.test(name)) problems.username = t('fieldErrors.usernamePattern');
    if (!displayName.trim()) problems.displayName = t('common:errors.required');
    else if (displayName.trim().length > 200) problems.displayName = t('common:errors.tooLong', { max: 200 });
    if (email.trim() && (!EMAIL.test(email.trim()) || email.trim().length > 254)) problems.email = t('common:errors.invalidEmail');
    if (!agency) problems.agencyCode = t('common:errors.required');
    if (!role) problems.role = t('common:errors.required');
    if (!password) problems.password = t('common:errors.required');
    else if (password.length < PASSWORD_MIN) problems.password = t('fieldErrors.passwordTooShort', { min: PASSWORD_MIN });
    else if (password.length > PASSWORD_MAX) problems.password = t('common:errors.tooLong', { max: PASSWORD_MAX });
    setErrors(problems);
    setMessage(undefined);
    if (Object.keys(problems).length > 0 || !agency || !role) return;
    setSending(true);
    try {
      const created = await createUser({ username: name, displayName: displayName.trim(), email: email.trim() || undefined, agencyCode: agency.code, role, password });
      onCreated(created);
    } catch (error) {
      const text = errorText(error);
      setMessage(text.message);
      setErrors(text.fields);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="card admin-panel" aria-labelledby="user-create-heading">
      <h2 id="user-create-heading">{t('users.createHeading')}</h2>
      <ErrorSummary message={message} errors={errors} labels={labels} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="field-row">
          <Field label={labels.username ?? ''} hint={t('users.usernameHint')} error={errors.username} required name="username">
            {({ id, describedBy, invalid }) => (
              <input id={id} type="text" autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={64} aria-describedby={describedBy} aria-invalid={invalid} value={username} onChange={(event) => setUsername(event.target.value)} />
            )}
          </Field>
          <Field label={labels.displayName ?? ''} hint={t('users.displayNameHint')} error={errors.displayName} required name="displayName">
            {({ id, describedBy, invalid }) => (
              <input id={id} type="text" autoComplete="off" maxLength={200} aria-describedby={describedBy} aria-invalid={invalid} value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
            )}
          </Field>
        </div>
        <div className="field-row">
          <Field label={labels.email ?? ''} hint={t('users.emailHint')} error={errors.email} name="email">
            {({ id, describedBy, invalid }) => (
              <input id={id} type="email" autoComplete="off" maxLength={254} aria-describedby={describedBy} aria-invalid={invalid} value={email} onChange={(event) => setEmail(event.target.value)} />
            )}
          </Field>
          <Field label={labels.role ?? ''} error={errors.role} required name="role">
            {({ id, describedBy, invalid }) => (
              <select id={id} aria-describedby={describedBy} aria-invalid={invalid} value={role} onChange={(event) => setRole(event.target.value as Role | '')}>
                <option value="">{t('users.role')}…</option>
                {roles.map((option) => (
                  <option key={option} value={option}>
                    {t(`roles.${option}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <AgencyPicker label={labels.agencyCode ?? ''} name="agencyCode" value={agency} onChange={setAgency} error={errors.agencyCode} required />
        <Field label={labels.password ?? ''} hint={t('users.passwordHint')} error={errors.password} required name="password">
          {({ id, describedBy, invalid }) => (
            <input id={id} type="password" autoComplete="new-password" maxLength={PASSWORD_MAX} aria-describedby={describedBy} aria-invalid={invalid} value={password} onChange={(event) => setPassword(event.target.value)} />
          )}
        </Field>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={sending}>
            {sending ? t('common:states.saving') : t('users.createSubmit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common:actions.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

function EditUserForm({ account, isSelf, onSaved, onCancel }: { account: UserAccount; isSelf: boolean; onSaved: (account: UserAccount) => void; onCancel: () => void }) {
  const { t } = useTranslation('admin');
  const grantable = useGrantableRoles();
  const roles = grantable.includes(account.role) ? grantable : [...grantable, account.role];
  const labels = { ...useUserLabels(), password: t('users.newPassword') };
  const errorText = useAdminErrorText();
  const [displayName, setDisplayName] = useState(account.displayName);
  const [email, setEmail] = useState(account.email ?? '');
  const [role, setRole] = useState<Role>(account.role);
  const [active, setActive] = useState(account.active);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [sending, setSending] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const changes = (): UserChanges => {
    const body: UserChanges = {};
    if (displayName.trim() !== account.displayName) body.displayName = displayName.trim();
    if (email.trim() !== (account.email ?? '')) body.email = email.trim() || null;
    if (role !== account.role) body.role = role;
    if (active !== account.active) body.active = active;
    if (password) body.password = password;
    return body;
  };

  const validate = (): boolean => {
    const problems: Record<string, string> = {};
    if (!displayName.trim()) problems.displayName = t('common:errors.required');
    else if (displayName.trim().length > 200) problems.displayName = t('common:errors.tooLong', { max: 200 });
    if (email.trim() && (!EMAIL.test(email.trim()) || email.trim().length > 254)) problems.email = t('common:errors.invalidEmail');
    if (password && password.length < PASSWORD_MIN) problems.password = t('fieldErrors.passwordTooShort', { min: PASSWORD_MIN });
    else if (password.length > PASSWORD_MAX) problems.password = t('common:errors.tooLong', { max: PASSWORD_MAX });
    setErrors(problems);
    setMessage(undefined);
    return Object.keys(problems).length === 0;
  };

  const send = async () => {
    const body = changes();
    if (Object.keys(body).length === 0) {
      setMessage(t('users.noChanges'));
      return;
    }
    setSending(true);
    try {
      onSaved(await updateUser(account.id, body));
    } catch (error) {
      const text = errorText(error);
      setMessage(text.message);
      setErrors(text.fields);
    } finally {
      setSending(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!validate()) return;
    // Deactivating signs the user out everywhere: ask first.
    if (account.active && !active) setConfirming(true);
    else void send();
  };

  return (
    <section className="card admin-panel" aria-labelledby="user-edit-heading">
      <h2 id="user-edit-heading">{t('users.editHeading', { username: account.username })}</h2>
      {isSelf ? <p className="admin-alert admin-alert--info">{t('users.selfHint')}</p> : null}
      <ErrorSummary message={message} errors={errors} labels={labels} />
      <form onSubmit={submit} noValidate>
        <div className="field-row">
          <Field label={labels.displayName ?? ''} hint={t('users.displayNameHint')} error={errors.displayName} required name="displayName">
            {({ id, describedBy, invalid }) => (
              <input id={id} type="text" autoComplete="off" maxLength={200} aria-describedby={describedBy} aria-invalid={invalid} value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
            )}
          </Field>
          <Field label={labels.email ?? ''} hint={t('users.emailHint')} error={errors.email} name="email">
            {({ id, describedBy, invalid }) => (
              <input id={id} type="email" autoComplete="off" maxLength={254} aria-describedby={describedBy} aria-invalid={invalid} value={email} onChange={(event) => setEmail(event.target.value)} />
            )}
          </Field>
        </div>
        <Field label={labels.role ?? ''} error={errors.role} required name="role">
          {({ id, describedBy, invalid }) => (
            <select id={id} aria-describedby={describedBy} aria-invalid={invalid} value={role} onChange={(event) => setRole(event.target.value as Role)}>
              {roles.map((option) => (
                <option key={option} value={option}>
                  {t(`roles.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={labels.active ?? ''} hint={t('users.activeHint')} error={errors.active} name="active">
          {({ id, describedBy, invalid }) => (
            <div className="check">
              <input id={id} type="checkbox" aria-describedby={describedBy} aria-invalid={invalid} checked={active} onChange={(event) => setActive(event.target.checked)} />
              <span aria-hidden="true">{active ? t('users.active') : t('users.inactive')}</span>
            </div>
          )}
        </Field>
        <Field label={labels.password} hint={t('users.newPasswordHint')} error={errors.password} name="password">
          {({ id, describedBy, invalid }) => (
            <input id={id} type="password" autoComplete="new-password" maxLength={PASSWORD_MAX} aria-describedby={describedBy} aria-invalid={invalid} value={password} onChange={(event) => setPassword(event.target.value)} />
          )}
        </Field>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={sending}>
            {sending ? t('common:states.saving') : t('common:actions.save')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common:actions.cancel')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('users.deactivateTitle')}
        text={t('users.deactivateText', { username: account.username })}
        confirmLabel={t('users.deactivateConfirm')}
        onConfirm={send}
        onClose={() => setConfirming(false)}
      />
    </section>
  );
}
