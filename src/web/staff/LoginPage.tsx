/** เข้าสู่ระบบ: staff sign in with username and password; the session is an httpOnly cookie. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/session.tsx';
import { ErrorSummary, Field } from '../components/form.tsx';
import { useSubmission } from '../components/use-form-errors.ts';

export function LoginPage() {
  const { t } = useTranslation(['staff', 'common']);
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { sending, failure, fail, submit: send } = useSubmission();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!username.trim()) problems.username = t('common:errors.required');
    if (!password) problems.password = t('common:errors.required');
    if (Object.keys(problems).length > 0) return fail(problems);
    await send(() => signIn(username.trim(), password));
  };

  return (
    <div className="narrow-form">
      <h1>{t('login.heading')}</h1>
      <ErrorSummary message={failure.message} errors={failure.fields} labels={{ username: t('login.username'), password: t('login.password') }} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('login.username')} error={failure.fields.username} required name="username">
          {({ id, describedBy, invalid }) => (
            <input id={id} type="text" autoComplete="username" autoCapitalize="none" spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid} value={username} onChange={(event) => setUsername(event.target.value)} />
          )}
        </Field>
        <Field label={t('login.password')} error={failure.fields.password} required name="password">
          {({ id, describedBy, invalid }) => (
            <input id={id} type="password" autoComplete="current-password" aria-describedby={describedBy} aria-invalid={invalid} value={password} onChange={(event) => setPassword(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={sending}>
          {sending ? t('login.signingIn') : t('login.submit')}
        </button>
      </form>
    </div>
  );
}
