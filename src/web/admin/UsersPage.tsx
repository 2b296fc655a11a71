/**
 * ผู้ใช้และบทบาท: the accounts an administrator manages — search and filters, keyset "show
 * more", creating an account, and changing one (name, e-mail, role, active, a new password).
 * The server refuses changes to one's own role or activity; its message shows on the field.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../shared/case-model.ts';
import { maxLengthOf } from '../../shared/api/fields.ts';
import { NewUserSchema, PASSWORD_MAX, PASSWORD_MIN, USERNAME_LENGTH, USERNAME_PATTERN, UserListQuerySchema } from '../../shared/api/users.ts';

/** The bounds of the account's texts, as the API's schemas set them. */
const DISPLAY_NAME_MAX = maxLengthOf(NewUserSchema.shape.displayName);
const EMAIL_MAX = maxLengthOf(NewUserSchema.shape.email);
const SEARCH_MAX = maxLengthOf(UserListQuerySchema.shape.q);
import { createUser, listUsers, updateUser, type UserAccount, type UserChanges, type UserListQuery } from '../api/admin.ts';
import { useSession } from '../api/session.tsx';
import { formatDate } from '../components/dates.ts';
import { AgencyPicker, type AgencyRef } from '../components/AgencyPicker.tsx';
import { FormPanel, useAdminForm } from './forms.tsx';
import { CheckboxField, SelectField, TextField } from '../components/form.tsx';
import { AddButton, FilterBar, Notices, PagedTable, RowActions, useAdminPage, useFilters, usePagedList, withItem } from './lists.tsx';
import { ConfirmDialog, localName, PageHeading } from './ui.tsx';

const PAGE = 50;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Filters {
  q: string;
  agency: AgencyRef | null;
  role: Role | '';
  active: '' | 'true' | 'false';
}

const NO_FILTERS: Filters = { q: '', agency: null, role: '', active: '' };

function toQuery(filters: Filters): UserListQuery {
  return { q: filters.q.trim() || undefined, agencyCode: filters.agency?.code, role: filters.role || undefined, active: filters.active || undefined, limit: PAGE };
}

/** The roles this administrator may grant, as the server's policy gives them (only system administrators grant system_admin). */
function useGrantableRoles(): readonly Role[] {
  return useSession().user?.grantableRoles ?? [];
}

/** Roles as the choices of a select. */
function useRoleOptions(roles: readonly Role[]): Array<{ value: Role; label: string }> {
  const { t } = useTranslation(['admin', 'common']);
  return roles.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

export function UsersPage() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const { user: me } = useSession();
  const filters = useFilters(NO_FILTERS, (draft) => ({ ...draft, q: draft.q.slice(0, 100) }));
  const { draft, setDraft } = filters;
  const page = useAdminPage<UserAccount>();
  const list = usePagedList((cursor, signal) => listUsers({ ...toQuery(filters.applied), cursor }, signal), [filters.applied]);
  const addButton = useRef<HTMLButtonElement>(null);
  const roleOptions = useRoleOptions(ROLES);

  const closePanel = () => {
    page.close();
    addButton.current?.focus();
  };

  return (
    <>
      <PageHeading title={t('users.heading')} lead={t('users.lead')} />
      <Notices status={page.status} />

      {page.editing ? (
        <EditUserForm
          key={page.formKey}
          account={page.editing}
          isSelf={page.editing.id === me?.id}
          onCancel={closePanel}
          onSaved={(account) => {
            page.close(t('users.savedMessage', { username: account.username }));
            list.setData(withItem(account));
          }}
        />
      ) : page.panel ? (
        <CreateUserForm
          onCancel={closePanel}
          onCreated={(account) => {
            page.close(t('users.createdMessage', { username: account.username }));
            list.reload();
          }}
        />
      ) : (
        <AddButton ref={addButton} label={t('users.add')} onClick={page.openCreate} />
      )}

      <FilterBar legend={t('words.filters')} onApply={filters.apply} onReset={filters.reset}>
        <div className="field-row">
          <TextField label={t('users.search')} hint={t('users.searchHint')} name="q" type="search" maxLength={SEARCH_MAX} value={draft.q} onChange={(q) => setDraft({ ...draft, q })} />
          <SelectField label={t('users.role')} name="role" emptyLabel={t('words.any')} options={roleOptions} value={draft.role} onChange={(role) => setDraft({ ...draft, role: role as Role | '' })} />
          <SelectField
            label={t('users.status')}
            name="active"
            emptyLabel={t('words.any')}
            options={[
              { value: 'true', label: t('users.active') },
              { value: 'false', label: t('users.inactive') },
            ]}
            value={draft.active}
            onChange={(active) => setDraft({ ...draft, active: active as Filters['active'] })}
          />
        </div>
        <AgencyPicker label={t('users.agencyFilter')} name="agencyCode" value={draft.agency} onChange={(agency) => setDraft({ ...draft, agency })} />
      </FilterBar>

      <PagedTable
        list={list}
        filtered={filters.filtered}
        label={t('users.tableCaption')}
        columns={[t('users.username'), t('users.displayName'), t('users.role'), t('users.agency'), t('users.status'), t('users.created'), t('words.actions')]}
      >
        {(accounts) =>
          accounts.map((account) => (
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
                <RowActions context={t('users.rowContext', { username: account.username })} editLabel={t('users.edit')} onEdit={() => page.openEdit(account)} />
              </td>
            </tr>
          ))
        }
      </PagedTable>
    </>
  );
}

type UserLabels = Record<'username' | 'displayName' | 'email' | 'agencyCode' | 'role' | 'password' | 'active', string>;

function useUserLabels(): UserLabels {
  const { t } = useTranslation(['admin', 'common']);
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

/**
 * The checks the create and edit forms share, added to `problems` in the order the fields
 * are listed in the error summary. A new password is optional when editing.
 */
function useProfileChecks() {
  const { t } = useTranslation(['admin', 'common']);
  return {
    nameAndEmail(problems: Record<string, string>, displayName: string, email: string) {
      if (!displayName.trim()) problems.displayName = t('common:errors.required');
      else if (displayName.trim().length > DISPLAY_NAME_MAX) problems.displayName = t('common:errors.tooLong', { max: DISPLAY_NAME_MAX });
      if (email.trim() && (!EMAIL.test(email.trim()) || email.trim().length > EMAIL_MAX)) problems.email = t('common:errors.invalidEmail');
    },
    password(problems: Record<string, string>, password: string, required: boolean) {
      if (!password) {
        if (required) problems.password = t('common:errors.required');
      } else if (password.length < PASSWORD_MIN) problems.password = t('fieldErrors.passwordTooShort', { min: PASSWORD_MIN });
      else if (password.length > PASSWORD_MAX) problems.password = t('common:errors.tooLong', { max: PASSWORD_MAX });
    },
  };
}

interface ProfileFieldProps {
  labels: UserLabels;
  errors: Record<string, string>;
  value: string;
  onChange: (value: string) => void;
}

function DisplayNameField({ labels, errors, value, onChange }: ProfileFieldProps) {
  const { t } = useTranslation(['admin', 'common']);
  return <TextField label={labels.displayName} hint={t('users.displayNameHint')} error={errors.displayName} required name="displayName" type="text" autoComplete="off" maxLength={DISPLAY_NAME_MAX} value={value} onChange={onChange} />;
}

function EmailField({ labels, errors, value, onChange }: ProfileFieldProps) {
  const { t } = useTranslation(['admin', 'common']);
  return <TextField label={labels.email} hint={t('users.emailHint')} error={errors.email} name="email" type="email" autoComplete="off" maxLength={EMAIL_MAX} value={value} onChange={onChange} />;
}

function PasswordField({ labels, errors, value, onChange, hint, required }: ProfileFieldProps & { hint: string; required?: boolean }) {
  return <TextField label={labels.password} hint={hint} error={errors.password} required={required} name="password" type="password" autoComplete="new-password" maxLength={PASSWORD_MAX} value={value} onChange={onChange} />;
}

function CreateUserForm({ onCreated, onCancel }: { onCreated: (account: UserAccount) => void; onCancel: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const labels = useUserLabels();
  const checks = useProfileChecks();
  const roleOptions = useRoleOptions(useGrantableRoles());
  const form = useAdminForm();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [agency, setAgency] = useState<AgencyRef | null>(null);
  const [role, setRole] = useState<Role | ''>('');
  const [password, setPassword] = useState('');
  const { errors } = form;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const name = username.trim().toLowerCase();
    if (!name) problems.username = t('common:errors.required');
    else if (!USERNAME_PATTERN.test(name)) problems.username = t('fieldErrors.usernamePattern');
    checks.nameAndEmail(problems, displayName, email);
    if (!agency) problems.agencyCode = t('common:errors.required');
    if (!role) problems.role = t('common:errors.required');
    checks.password(problems, password, true);
    if (!form.check(problems) || !agency || !role) return;
    await form.send(async () => {
      onCreated(await createUser({ username: name, displayName: displayName.trim(), email: email.trim() || undefined, agencyCode: agency.code, role, password }));
    });
  };

  return (
    <FormPanel form={form} headingId="user-create-heading" heading={t('users.createHeading')} labels={labels} onSubmit={submit} onCancel={onCancel} submitLabel={t('users.createSubmit')}>
      <div className="field-row">
        <TextField
          label={labels.username}
          hint={t('users.usernameHint')}
          error={errors.username}
          required
          name="username"
          type="text"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={USERNAME_LENGTH.max}
          value={username}
          onChange={setUsername}
        />
        <DisplayNameField labels={labels} errors={errors} value={displayName} onChange={setDisplayName} />
      </div>
      <div className="field-row">
        <EmailField labels={labels} errors={errors} value={email} onChange={setEmail} />
        <SelectField
          label={labels.role}
          error={errors.role}
          required
          name="role"
          emptyLabel={`${t('users.role')}…`}
          options={roleOptions}
          value={role}
          onChange={(value) => setRole(value as Role | '')}
        />
      </div>
      <AgencyPicker label={labels.agencyCode} name="agencyCode" value={agency} onChange={setAgency} error={errors.agencyCode} required />
      <PasswordField labels={labels} errors={errors} value={password} onChange={setPassword} hint={t('users.passwordHint')} required />
    </FormPanel>
  );
}

function EditUserForm({ account, isSelf, onSaved, onCancel }: { account: UserAccount; isSelf: boolean; onSaved: (account: UserAccount) => void; onCancel: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const grantable = useGrantableRoles();
  const roleOptions = useRoleOptions(grantable.includes(account.role) ? grantable : [...grantable, account.role]);
  const labels = { ...useUserLabels(), password: t('users.newPassword') };
  const checks = useProfileChecks();
  const form = useAdminForm();
  const [displayName, setDisplayName] = useState(account.displayName);
  const [email, setEmail] = useState(account.email ?? '');
  const [role, setRole] = useState<Role>(account.role);
  const [active, setActive] = useState(account.active);
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const { errors } = form;

  const changes = (): UserChanges => {
    const body: UserChanges = {};
    if (displayName.trim() !== account.displayName) body.displayName = displayName.trim();
    if (email.trim() !== (account.email ?? '')) body.email = email.trim() || null;
    if (role !== account.role) body.role = role;
    if (active !== account.active) body.active = active;
    if (password) body.password = password;
    return body;
  };

  const send = async () => {
    const body = changes();
    if (Object.keys(body).length === 0) {
      form.setMessage(t('users.noChanges'));
      return;
    }
    await form.send(async () => onSaved(await updateUser(account.id, body)));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    checks.nameAndEmail(problems, displayName, email);
    checks.password(problems, password, false);
    if (!form.check(problems)) return;
    // Deactivating signs the user out everywhere: ask first.
    if (account.active && !active) setConfirming(true);
    else void send();
  };

  return (
    <FormPanel
      form={form}
      headingId="user-edit-heading"
      heading={t('users.editHeading', { username: account.username })}
      labels={labels}
      onSubmit={submit}
      onCancel={onCancel}
      intro={isSelf ? <p className="admin-alert admin-alert--info">{t('users.selfHint')}</p> : null}
      after={
        <ConfirmDialog
          open={confirming}
          title={t('users.deactivateTitle')}
          text={t('users.deactivateText', { username: account.username })}
          confirmLabel={t('users.deactivateConfirm')}
          onConfirm={send}
          onClose={() => setConfirming(false)}
        />
      }
    >
      <div className="field-row">
        <DisplayNameField labels={labels} errors={errors} value={displayName} onChange={setDisplayName} />
        <EmailField labels={labels} errors={errors} value={email} onChange={setEmail} />
      </div>
      <SelectField
        label={labels.role}
        error={errors.role}
        required
        name="role"
        options={roleOptions}
        value={role}
        onChange={(value) => setRole(value as Role)}
      />
      <CheckboxField label={labels.active} hint={t('users.activeHint')} error={errors.active} name="active" checked={active} onChange={setActive} stateText={(on) => (on ? t('users.active') : t('users.inactive'))} />
      <PasswordField labels={labels} errors={errors} value={password} onChange={setPassword} hint={t('users.newPasswordHint')} />
    </FormPanel>
  );
}
