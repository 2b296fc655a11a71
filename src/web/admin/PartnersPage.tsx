/**
 * ระบบคู่ความร่วมมือ: the partner registry — other agencies' complaint systems that exchange
 * cases with this one (system administrators only). Each row says how the system is reached,
 * which of our agencies it serves, the sharing agreement in words, and its messages by state
 * (what waits, failed or died stands out, with a link to the log). Registering, changing and
 * removing; a system that messages name is deactivated rather than removed, and the page says which.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { MESSAGE_STATES } from '../../shared/api/exchange.ts';
import { getPartner, listPartners, removePartner, type Partner } from '../api/exchange.ts';
import { needsAttention } from '../components/ExchangeWords.tsx';
import { PartnerForm } from './PartnerForm.tsx';
import { AddButton, Cell, Notices, PagedTable, Row, RowActions, RowHeader, useAdminPage, usePagedList, withItem, withoutItem } from './lists.tsx';
import { localName, PageHeading, useLoad } from './ui.tsx';

const PAGE = 50;
/** Agencies named in a row before "and n more". */
const SHOWN_AGENCIES = 3;

/** A partner as the list keeps it: its code is its id. */
type PartnerRow = Partner & { id: string };
const asRow = (partner: Partner): PartnerRow => ({ ...partner, id: partner.code });

export function PartnersPage() {
  const { t } = useTranslation(['admin', 'common', 'staff']);
  const page = useAdminPage<PartnerRow>();
  const list = usePagedList((cursor, signal) => listPartners({ cursor, limit: PAGE }, signal).then((found) => ({ items: found.items.map(asRow), nextCursor: found.nextCursor })), []);

  const remove = (partner: PartnerRow) =>
    page.remove(
      () => removePartner(partner.code),
      (kept) => {
        // 200 with the partner: messages name it, so it was deactivated; 204: removed.
        if (kept) {
          list.setData(withItem(asRow(kept)));
          return t('partners.deactivatedMessage', { name: partner.name });
        }
        list.setData(withoutItem(partner.id));
        return t('partners.removedMessage', { name: partner.name });
      },
    );

  return (
    <>
      <PageHeading title={t('partners.heading')} lead={t('partners.lead')} />
      <Notices status={page.status} actionError={page.actionError} />
      {page.panel ? (
        <PartnerForm
          key={page.formKey}
          partner={page.editing}
          onCancel={() => page.close()}
          onSaved={(saved, created) => {
            page.close(t(created ? 'partners.createdMessage' : 'partners.savedMessage', { name: saved.name }));
            if (created) list.reload();
            else list.setData(withItem(asRow(saved)));
          }}
        />
      ) : (
        <AddButton label={t('partners.add')} onClick={page.openCreate} />
      )}
      <PagedTable
        list={list}
        filtered={false}
        label={t('partners.tableCaption')}
        columns={[t('partners.system'), t('partners.delivery'), t('partners.agencies'), t('partners.agreement'), t('partners.messages'), t('words.actions')]}
        cards
      >
        {(partners) =>
          partners.map((partner) => (
            <Row key={partner.id} className={partner.active ? undefined : 'row--inactive'} data-partner={partner.code}>
              <RowHeader>
                {partner.name}
                <div className="mono muted small">{partner.code}</div>
                <div className="partner-status">
                  {partner.active ? <span className="badge badge--active">{t('partners.active')}</span> : <span className="badge badge--inactive">{t('partners.inactive')}</span>}
                </div>
              </RowHeader>
              <Cell label={t('partners.delivery')}>
                <DeliveryCell partner={partner} />
              </Cell>
              <Cell label={t('partners.agencies')}>
                <AgenciesCell partner={partner} />
              </Cell>
              <Cell label={t('partners.agreement')}>
                <AgreementCell partner={partner} />
              </Cell>
              <Cell label={t('partners.messages')}>
                <MessageCounts partner={partner} />
              </Cell>
              <Cell>
                <RowActions context={t('partners.rowContext', { name: partner.name })} onEdit={() => page.openEdit(partner)} deleteText={t('partners.deleteText', { name: partner.name })} onDelete={() => remove(partner)} />
              </Cell>
            </Row>
          ))
        }
      </PagedTable>
    </>
  );
}

/** The host of an address (the whole address in its title): what tells one partner from another in a narrow column. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function DeliveryCell({ partner }: { partner: Partner }) {
  const { t } = useTranslation(['admin', 'common']);
  if (partner.delivery === 'file') return <>{t('partners.deliveryShort.file')}</>;
  return (
    <>
      {t('partners.deliveryShort.api')}
      {partner.baseUrl ? (
        <div className="mono small partner-url" title={partner.baseUrl}>
          {hostOf(partner.baseUrl)}
        </div>
      ) : null}
      <div className="muted small">{partner.jwks ? t('partners.keysShort.inline', { count: partner.jwks.keys.length }) : t('partners.keysShort.url')}</div>
    </>
  );
}

function AgenciesCell({ partner }: { partner: Partner }) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const shown = partner.agencies.slice(0, SHOWN_AGENCIES);
  const more = partner.agencies.length - shown.length;
  return (
    <ul className="plain-list">
      {shown.map((agency) => (
        <li key={agency.code}>
          {localName(agency, i18n.language)} <span className="mono muted small">{agency.code}</span>
        </li>
      ))}
      {more > 0 ? <li className="muted">{t('partners.moreAgencies', { count: more })}</li> : null}
    </ul>
  );
}

/** The sharing agreement in words: what of the complainant, the text and the files goes. */
function AgreementCell({ partner }: { partner: Partner }) {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <ul className="plain-list">
      <li>{t('partners.agreementIdentity', { value: t(`partners.identities.${partner.identity}`) })}</li>
      <li>{t('partners.agreementText', { value: t(`partners.texts.${partner.text}`) })}</li>
      <li>{t('partners.agreementFiles', { value: partner.attachments ? t('partners.attachmentsYes') : t('partners.attachmentsNo') })}</li>
    </ul>
  );
}

/** The partner's messages by direction and state (GET /api/v1/partners/{code}), with a link to its log. */
function MessageCounts({ partner }: { partner: Partner }) {
  const { t } = useTranslation(['admin', 'common', 'staff']);
  const counts = useLoad((signal) => getPartner(partner.code, signal).then((found) => found.messages ?? []), [partner.code]);
  if (counts.loading && !counts.data) return <span className="muted">{t('common:states.loading')}</span>;
  const found = counts.data;
  if (counts.error || !found) return <span className="muted">{t('partners.messagesFailed')}</span>;
  if (found.length === 0) return <span className="muted">{t('partners.messagesNone')}</span>;
  const byDirection = (direction: 'out' | 'in') =>
    found.filter((count) => count.direction === direction).sort((a, b) => MESSAGE_STATES.indexOf(a.state) - MESSAGE_STATES.indexOf(b.state));
  return (
    <div className="message-counts">
      {(['out', 'in'] as const).map((direction) => {
        const rows = byDirection(direction);
        if (rows.length === 0) return null;
        return (
          <p key={direction}>
            <span className="muted">{t(direction === 'out' ? 'partners.messagesOut' : 'partners.messagesIn')}</span>{' '}
            {rows.map((row) => (
              <span key={row.state} className={needsAttention(row.state) ? `badge badge--message-${row.state}` : 'message-counts__state'} data-state={row.state}>
                {t('partners.messageCount', { state: t(`staff:exchange.states.${row.state}`), count: row.count })}
              </span>
            ))}
          </p>
        );
      })}
      <Link href={`/exchange?partner=${encodeURIComponent(partner.code)}`}>
        {t('partners.viewLogShort')}
        <span className="visually-hidden"> {partner.name}</span>
      </Link>
    </div>
  );
}
