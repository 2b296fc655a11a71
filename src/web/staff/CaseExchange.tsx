/**
 * การแลกเปลี่ยนกับระบบคู่ความร่วมมือ: a case's links to other agencies' complaint systems — sent
 * there or received from there, the reference and tracking code it has there, whether the link
 * still holds — and the messages that passed, each with its state. Shown only for a case that
 * has such a link (GET /api/v1/cases/{id}/exchange).
 */
import { useTranslation } from 'react-i18next';
import type { CaseExchange as CaseExchangeTrail } from '../api/exchange.ts';
import { formatDateTime } from '../components/dates.ts';
import { MessageStateLabel, messageTypeKey } from '../components/ExchangeWords.tsx';
import { LoadError } from './states.tsx';
import type { Resource } from './use-resource.ts';

export function CaseExchange({ trail }: { trail: Resource<CaseExchangeTrail> }) {
  const { t } = useTranslation(['staff', 'common']);
  if (trail.state === 'loading') return null;
  if (trail.state === 'failed') {
    return (
      <section aria-labelledby="case-exchange">
        <h2 id="case-exchange">{t('exchange.heading')}</h2>
        <LoadError error={trail.error} retry={trail.reload} />
      </section>
    );
  }
  const { links, messages } = trail.data;
  if (links.length === 0) return null;
  return (
    <section aria-labelledby="case-exchange" className="case-exchange" data-testid="case-exchange">
      <h2 id="case-exchange">{t('exchange.heading')}</h2>
      <p className="muted">{t('exchange.lead')}</p>
      <ul className="case-exchange__links">
        {links.map((link) => (
          <li key={`${link.direction}-${link.partner.code}`} className={link.active ? 'case-exchange__link' : 'case-exchange__link case-exchange__link--ended'}>
            <p className="case-exchange__partner">
              <strong>{t(link.direction === 'sent' ? 'exchange.sentTo' : 'exchange.receivedFrom', { name: link.partner.name })}</strong>{' '}
              <span className={link.active ? 'badge badge--status-in_progress' : 'badge badge--status-closed'}>{link.active ? t('exchange.linkActive') : t('exchange.linkEnded')}</span>
            </p>
            <dl className="facts">
              <dt>{t('exchange.theirTrackingCode')}</dt>
              <dd className="mono">{link.remoteTrackingCode ?? t('exchange.notYet')}</dd>
              <dt>{t('exchange.theirReference')}</dt>
              <dd className="mono case-exchange__ref">{link.remoteReference ?? t('exchange.notYet')}</dd>
            </dl>
          </li>
        ))}
      </ul>
      <h3>{t('exchange.messages', { count: messages.length })}</h3>
      {messages.length === 0 ? <p className="muted">{t('exchange.noMessages')}</p> : <MessageList messages={messages} severalPartners={new Set(links.map((link) => link.partner.code)).size > 1} />}
    </section>
  );
}

/** The messages, oldest first; the partner is named on each only when the case went to more than one. */
function MessageList({ messages, severalPartners }: { messages: CaseExchangeTrail['messages']; severalPartners: boolean }) {
  const { t, i18n } = useTranslation(['staff', 'common']);
  return (
    <ol className="case-exchange__messages">
      {messages.map((message) => (
        <li key={message.id} data-message-type={message.type} data-state={message.state}>
          <p className="case-exchange__message">
            <strong>{t(messageTypeKey(message.type) as never)}</strong> · {t(`exchange.directions.${message.direction}`)}
            {severalPartners ? ` ${t(message.direction === 'out' ? 'exchange.directionTo' : 'exchange.directionFrom', { name: message.partner.name })}` : ''} · {t('exchange.seq', { seq: message.seq })}
          </p>
          <p className="small">
            <MessageStateLabel state={message.state} /> ·{' '}
            <time dateTime={message.createdAt} className="muted">
              {formatDateTime(message.createdAt, i18n.language)}
            </time>
            {message.direction === 'out' && message.attempts > 0 ? <span className="muted"> · {t('exchange.attempts', { count: message.attempts })}</span> : null}
          </p>
          {message.lastError && message.state !== 'delivered' ? <p className="small case-exchange__error">{t('exchange.lastError', { error: message.lastError })}</p> : null}
        </li>
      ))}
    </ol>
  );
}
