/**
 * บัญชีแชต (LINE / Facebook): an agency's LINE official account and Facebook page, through which
 * citizens file and follow complaints in the chat. The administrator sees whether each is
 * connected, connects it or replaces its credentials (typed into password fields, never shown
 * again: the server answers no secret), and is given the webhook address to paste into the LINE
 * Developers console or the Meta app, with where to paste it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { textBoundsOf } from '../../shared/api/fields.ts';
import { FacebookPageInputSchema, LineAccountInputSchema, type ChatAccountConnected, type ChatAccountState } from '../../shared/api/chat-channels.ts';
import { AgencyPicker } from '../components/AgencyPicker.tsx';
import { formatDateTime } from '../components/dates.ts';
import { TextField } from '../components/form.tsx';
import { useProblemText } from '../components/use-form-errors.ts';
import { problemsOf } from '../citizen/complaint-form.ts';
import { connectChatAccount, fetchChatAccounts, type FacebookPageInput, type LineAccountInput } from './channel-admin-api.ts';
import { FormPanel, useAdminForm } from './forms.tsx';
import { ListStates, Notices, useAdminPage } from './lists.tsx';
import { CopyButton, PageHeading, useAgencyChoice, useLoad } from './ui.tsx';

type Provider = ChatAccountState['provider'];

/**
 * Each platform's credentials: the body's field, its bounds from the contract, and the name the
 * server gives the field when the platform refuses the token (it says so on that field).
 */
const CREDENTIALS = {
  line: [
    { field: 'channelSecret', schema: LineAccountInputSchema.shape.channelSecret },
    { field: 'accessToken', schema: LineAccountInputSchema.shape.accessToken, refusedAs: 'token' },
  ],
  facebook: [
    { field: 'appSecret', schema: FacebookPageInputSchema.shape.appSecret },
    { field: 'pageToken', schema: FacebookPageInputSchema.shape.pageToken, refusedAs: 'page-token' },
    { field: 'verifyToken', schema: FacebookPageInputSchema.shape.verifyToken },
  ],
} as const;

/** The address the platform posts to, as the administrator pastes it: absolute, on this server. */
const absoluteUrl = (path: string) => `${window.location.origin}${path}`;

export function ChatAccountsPage() {
  const { t } = useTranslation(['admin', 'common']);
  const page = useAdminPage<never>();
  const [agency, setAgency] = useAgencyChoice();
  const code = agency?.code ?? '';
  const list = useLoad((signal) => fetchChatAccounts(code, signal), [code]);
  const [editing, setEditing] = useState<Provider>();
  const [connected, setConnected] = useState<{ provider: Provider; result: ChatAccountConnected }>();

  const choose = (provider: Provider | undefined) => {
    setConnected(undefined);
    setEditing(provider);
  };

  return (
    <>
      <PageHeading title={t('chatAccounts.heading')} lead={t('chatAccounts.lead')} />
      <AgencyPicker label={t('chatAccounts.agency')} name="agency" required value={agency} onChange={(chosen) => chosen && (choose(undefined), page.close(), setAgency(chosen))} />
      <Notices status={page.status} actionError={page.actionError} />
      {connected ? <ConnectedPanel provider={connected.provider} result={connected.result} onDone={() => setConnected(undefined)} /> : null}
      {editing ? (
        <CredentialsForm
          key={`${code}-${editing}`}
          agencyCode={code}
          provider={editing}
          onCancel={() => choose(undefined)}
          onConnected={(result) => {
            setEditing(undefined);
            setConnected({ provider: editing, result });
            page.close(t(result.created ? 'chatAccounts.connectedMessage' : 'chatAccounts.replacedMessage', { name: result.name }));
            list.reload();
          }}
        />
      ) : null}
      <ListStates list={list} empty={t('states.empty')}>
        {(accounts) => (
          <div className="chat-accounts">
            {accounts.map((account) => (
              <AccountCard key={account.provider} account={account} onConnect={() => choose(account.provider)} />
            ))}
          </div>
        )}
      </ListStates>
    </>
  );
}

/** One platform's account: connected or not, its name, when last set, its webhook address, and the button to (re)connect it. */
function AccountCard({ account, onConnect }: { account: ChatAccountState; onConnect: () => void }) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const headingId = `chat-account-${account.provider}`;
  return (
    <section className="card chat-account" aria-labelledby={headingId} data-provider={account.provider}>
      <h2 id={headingId}>{t(`chatAccounts.providers.${account.provider}`)}</h2>
      <p>
        <span className={account.connected ? 'badge badge--connected' : 'badge badge--inactive'} data-state={account.connected ? 'connected' : 'not-connected'}>
          {t(account.connected ? 'chatAccounts.connected' : 'chatAccounts.notConnected')}
        </span>
      </p>
      {account.connected ? (
        <dl className="chat-account__facts">
          <dt>{t(`chatAccounts.name.${account.provider}`)}</dt>
          <dd className="chat-account__name">{account.name}</dd>
          <dt>{t('chatAccounts.changedAt')}</dt>
          <dd>{account.changedAt ? formatDateTime(account.changedAt, i18n.language) : '—'}</dd>
          <dt className="chat-account__wide">{t('chatAccounts.webhook')}</dt>
          <dd className="chat-account__wide">
            <WebhookUrl path={account.webhookPath} />
          </dd>
        </dl>
      ) : (
        <p className="muted">{t(`chatAccounts.notConnectedText.${account.provider}`)}</p>
      )}
      <div className="button-row">
        <button type="button" className={account.connected ? 'button button--secondary' : 'button button--primary'} onClick={onConnect}>
          {t(account.connected ? `chatAccounts.replace.${account.provider}` : `chatAccounts.connect.${account.provider}`)}
        </button>
      </div>
    </section>
  );
}

/** The webhook address, whole and breakable on a phone, with a button to copy it. */
function WebhookUrl({ path }: { path: string }) {
  const { t } = useTranslation(['admin', 'common']);
  const url = absoluteUrl(path);
  return (
    <span className="webhook-url">
      <code className="mono webhook-url__text" data-webhook-url>
        {url}
      </code>
      <CopyButton text={url} label={t('chatAccounts.copy')} />
    </span>
  );
}

/** After connecting: the webhook address to paste, and where to paste it on the platform. */
function ConnectedPanel({ provider, result, onDone }: { provider: Provider; result: ChatAccountConnected; onDone: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const steps = t(`chatAccounts.howTo.${provider}`, { returnObjects: true }) as unknown as string[];
  return (
    <section className="card admin-panel" aria-labelledby="chat-connected-heading">
      <h2 id="chat-connected-heading">{t('chatAccounts.connectedHeading', { name: result.name })}</h2>
      <p>{t('chatAccounts.pasteWebhook')}</p>
      <p>
        <WebhookUrl path={result.webhookPath} />
      </p>
      <h3>{t(`chatAccounts.howToHeading.${provider}`)}</h3>
      <ol className="chat-howto">
        {steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('chatAccounts.done')}
        </button>
      </div>
    </section>
  );
}

/** The platform's credentials in password fields, checked against the contract's schema before sending. */
function CredentialsForm({ agencyCode, provider, onConnected, onCancel }: { agencyCode: string; provider: Provider; onConnected: (result: ChatAccountConnected) => void; onCancel: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const form = useAdminForm();
  const problemText = useProblemText();
  const fields = CREDENTIALS[provider];
  const [values, setValues] = useState<Record<string, string>>({});
  const labels: Record<string, string> = {};
  for (const entry of fields) {
    labels[entry.field] = t(`chatAccounts.fields.${entry.field}`);
    if ('refusedAs' in entry) labels[entry.refusedAs] = labels[entry.field] ?? '';
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = Object.fromEntries(fields.map(({ field }) => [field, (values[field] ?? '').trim()]));
    // The contract's own schema checks the fields, in the words of every other form.
    const schema = provider === 'line' ? LineAccountInputSchema : FacebookPageInputSchema;
    if (!form.check(problemText(problemsOf(schema.safeParse(body).error?.issues ?? [], body)))) return;
    await form.send(async () => onConnected(await connectChatAccount(agencyCode, provider, body as LineAccountInput | FacebookPageInput)));
  };

  return (
    <FormPanel
      form={form}
      headingId="chat-account-form-heading"
      heading={t(`chatAccounts.formHeading.${provider}`)}
      intro={<p>{t(`chatAccounts.formIntro.${provider}`)}</p>}
      labels={labels}
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel={t('chatAccounts.submit')}
    >
      {fields.map((entry) => (
        <TextField
          key={entry.field}
          label={labels[entry.field] ?? entry.field}
          hint={t(`chatAccounts.hints.${entry.field}`)}
          error={form.errors[entry.field] ?? ('refusedAs' in entry ? form.errors[entry.refusedAs] : undefined)}
          required
          name={entry.field}
          type="password"
          autoComplete="off"
          spellCheck={false}
          maxLength={textBoundsOf(entry.schema).max}
          value={values[entry.field] ?? ''}
          onChange={(value) => setValues((current) => ({ ...current, [entry.field]: value }))}
        />
      ))}
    </FormPanel>
  );
}
