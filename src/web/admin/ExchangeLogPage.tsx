/**
 * บันทึกการแลกเปลี่ยน: the messages sent to and received from partner systems, newest first
 * (system administrators only), by partner, direction and state, page by page. An outbound
 * message that failed or died is sent again from its row (ส่งอีกครั้ง); the server audits it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { MESSAGE_STATES, PARTNER_CODE_PATTERN } from '../../shared/api/exchange.ts';
import { listExchangeMessages, listPartners, retryExchangeMessage, type ExchangeMessageQuery, type ExchangeMessageView, type MessageState } from '../api/exchange.ts';
import { useSession } from '../api/session.tsx';
import { formatDateTime } from '../components/dates.ts';
import { MessageStateLabel, messageTypeKey } from '../components/ExchangeWords.tsx';
import { SelectField } from '../components/form.tsx';
import { Cell, FilterBar, Notices, PagedTable, Row, RowHeader, useFilters, usePagedList, withItem } from './lists.tsx';
import { ActionLabel, PageHeading, useAdminErrorText, useLoad } from './ui.tsx';

const PAGE = 50;
/** Partners offered in the filter: the registry's first page (the API's largest). */
const PARTNER_CHOICES = 200;

interface Filters {
  partner: string;
  direction: '' | 'out' | 'in';
  state: '' | MessageState;
}

const NO_FILTERS: Filters = { partner: '', direction: '', state: '' };

/** The filters the page opens with: a partner's log is linked to as ?partner=code. */
function filtersFromSearch(search: string): Filters {
  const partner = new URLSearchParams(search).get('partner') ?? '';
  return PARTNER_CODE_PATTERN.test(partner) ? { ...NO_FILTERS, partner } : NO_FILTERS;
}

function toQuery(filters: Filters): ExchangeMessageQuery {
  return { partner: filters.partner || undefined, direction: filters.direction || undefined, state: filters.state || undefined, limit: PAGE };
}

/** A message we sent that did not get through: the administrator may send it again. */
const retryable = (message: ExchangeMessageView) => message.direction === 'out' && (message.state === 'dead' || message.state === 'failed');

export function ExchangeLogPage() {
  const { t, i18n } = useTranslation(['admin', 'common', 'staff']);
  const { user } = useSession();
  const search = useSearch();
  const [opened] = useState(() => filtersFromSearch(search));
  const filters = useFilters(NO_FILTERS, undefined, opened);
  const { draft, setDraft } = filters;
  const partners = useLoad((signal) => listPartners({ limit: PARTNER_CHOICES }, signal).then((page) => page.items), []);
  const list = usePagedList((cursor, signal) => listExchangeMessages({ ...toQuery(filters.applied), cursor }, signal), [filters.applied]);
  const errorText = useAdminErrorText();
  const [status, setStatus] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const [retrying, setRetrying] = useState<string>();
  // Administrators work on no case (no console pages): the case is named, and linked only for who may open it.
  const opensCases = user?.pages.includes('inbox') === true;

  const retry = async (message: ExchangeMessageView) => {
    setStatus(undefined);
    setActionError(undefined);
    setRetrying(message.id);
    try {
      const queued = await retryExchangeMessage(message.id);
      list.setData(withItem(queued));
      setStatus(t('exchangeLog.retried', { type: t(messageTypeKey(message.type) as never), partner: message.partner.name }));
    } catch (error) {
      setActionError(errorText(error).message);
    } finally {
      setRetrying(undefined);
    }
  };

  return (
    <>
      <PageHeading title={t('exchangeLog.heading')} lead={t('exchangeLog.lead')} />
      <Notices status={status} actionError={actionError} />
      <FilterBar legend={t('words.filters')} onApply={filters.apply} onReset={filters.reset}>
        <div className="field-row">
          <SelectField
            label={t('exchangeLog.partner')}
            name="partner"
            emptyLabel={t('words.any')}
            // A partner named by the address stays choosable while the registry loads.
            options={(partners.data ?? (draft.partner ? [{ code: draft.partner, name: draft.partner }] : [])).map((partner) => ({ value: partner.code, label: `${partner.name} (${partner.code})` }))}
            value={draft.partner}
            onChange={(partner) => setDraft({ ...draft, partner })}
          />
          <SelectField
            label={t('exchangeLog.direction')}
            name="direction"
            emptyLabel={t('words.any')}
            options={(['out', 'in'] as const).map((value) => ({ value, label: t(`staff:exchange.directions.${value}`) }))}
            value={draft.direction}
            onChange={(direction) => setDraft({ ...draft, direction: direction as Filters['direction'] })}
          />
          <SelectField
            label={t('exchangeLog.state')}
            name="state"
            emptyLabel={t('words.any')}
            options={MESSAGE_STATES.map((value) => ({ value, label: t(`staff:exchange.states.${value}`) }))}
            value={draft.state}
            onChange={(state) => setDraft({ ...draft, state: state as Filters['state'] })}
          />
        </div>
      </FilterBar>

      {/* On a phone each message is a card: its state and ส่งอีกครั้ง first, then what, with whom, when and which case (exchange-log__* in admin.css). */}
      <PagedTable
        list={list}
        filtered={filters.filtered}
        label={t('exchangeLog.tableCaption')}
        columns={[t('exchangeLog.at'), t('exchangeLog.state'), t('exchangeLog.type'), t('exchangeLog.partner'), t('exchangeLog.case')]}
        cards
      >
        {(messages) =>
          messages.map((message) => {
            const type = t(messageTypeKey(message.type) as never);
            return (
              <Row key={message.id} data-message={message.id}>
                <Cell label={t('exchangeLog.at')} className="cell--half exchange-log__at">
                  <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, i18n.language)}</time>
                </Cell>
                {/* What needs doing comes first, so that on a phone it is on the first screen. */}
                <Cell>
                  <MessageStateLabel state={message.state} />
                  {message.direction === 'out' && message.attempts > 0 ? <div className="muted small">{t('staff:exchange.attempts', { count: message.attempts })}</div> : null}
                  {message.lastError ? <div className="exchange-error small">{t('staff:exchange.lastError', { error: message.lastError })}</div> : null}
                  {retryable(message) ? (
                    <div className="exchange-retry">
                      <button type="button" className="button button--secondary button--small" disabled={retrying === message.id} onClick={() => void retry(message)}>
                        <ActionLabel text={retrying === message.id ? t('exchangeLog.retrying') : t('exchangeLog.retry')} context={t('exchangeLog.retryContext', { type, seq: message.seq, partner: message.partner.name })} />
                      </button>
                    </div>
                  ) : null}
                </Cell>
                <RowHeader>
                  {type}
                  <div className="muted small">
                    <span className="mono">{message.type}</span> · {t('exchangeLog.seqValue', { seq: message.seq })}
                  </div>
                </RowHeader>
                <Cell>
                  <div className="muted small">{t(`staff:exchange.directions.${message.direction}`)}</div>
                  {t(message.direction === 'out' ? 'staff:exchange.directionTo' : 'staff:exchange.directionFrom', { name: message.partner.name })}
                  <div className="mono muted small">{message.partner.code}</div>
                </Cell>
                <Cell label={t('exchangeLog.case')} className="cell--half exchange-log__case">
                  <CaseCell message={message} opensCases={opensCases} />
                </Cell>
              </Row>
            );
          })
        }
      </PagedTable>
    </>
  );
}

/** The case of a message: a link to it for who works on cases, its id for the others; the partner's reference of it when known. */
function CaseCell({ message, opensCases }: { message: ExchangeMessageView; opensCases: boolean }) {
  const { t } = useTranslation(['admin', 'common', 'staff']);
  if (!message.caseId) return <span className="muted">{t('exchangeLog.noCase')}</span>;
  const short = message.caseId.slice(0, 8);
  return (
    <>
      {opensCases ? (
        <Link href={`~/staff/cases/${message.caseId}`} className="mono">
          {short}
        </Link>
      ) : (
        <span className="mono" title={t('exchangeLog.caseTitle', { id: message.caseId })}>
          {short}
        </span>
      )}
      {message.remoteReference ? <div className="muted small">{`${t('staff:exchange.theirReference')}: ${message.remoteReference}`}</div> : null}
    </>
  );
}
