/**
 * อีเมลที่รอเจ้าหน้าที่ตรวจสอบ: the e-mails an agency's mailbox received that could not be taken
 * in (no sender, unreadable, refused…), kept whole for a person. Oldest first, a page at a time: the administrator
 * downloads one as received (the server audits it), records it by hand where it is a complaint,
 * and marks it dealt with, after which it leaves the list.
 */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { AgencyPicker } from '../components/AgencyPicker.tsx';
import { formatBytes, formatDateTime } from '../components/dates.ts';
import { fetchHeldEmails, heldEmailUrl, markHeldEmailDealtWith, type HeldEmail } from './channel-admin-api.ts';
import { heldReason, rawKept } from './held-reason.ts';
import { Cell, DataTable, ListStates, Notices, Row, RowHeader, ShowMore, ShownCount, useAdminPage, usePagedList, withoutItem } from './lists.tsx';
import { ConfirmButton, PageHeading, useAgencyChoice } from './ui.tsx';

export function HeldEmailsPage() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const page = useAdminPage<HeldEmail>();
  const [agency, setAgency] = useAgencyChoice();
  const code = agency?.code ?? '';
  const list = usePagedList((cursor, signal) => fetchHeldEmails(code, cursor, signal), [code]);
  const noMailbox = list.error instanceof ApiError && list.error.status === 404 && Boolean(agency);

  const dealtWith = (email: HeldEmail, when: string) =>
    page.remove(
      () => markHeldEmailDealtWith(code, email.id),
      () => {
        list.setData(withoutItem(email.id));
        return t('heldEmails.dealtWithMessage', { when });
      },
    );

  return (
    <>
      <PageHeading title={t('heldEmails.heading')} lead={t('heldEmails.lead')} />
      <AgencyPicker label={t('heldEmails.agency')} name="agency" required value={agency} onChange={(chosen) => chosen && (page.close(), setAgency(chosen))} />
      <Notices status={page.status} actionError={page.actionError} />
      {list.data?.address ? <p>{t('heldEmails.address', { address: list.data.address })}</p> : null}
      {noMailbox ? (
        <p className="admin-alert admin-alert--info">{t('heldEmails.noMailbox')}</p>
      ) : (
        <ListStates list={list} empty={t('heldEmails.empty')}>
          {(items) => (
            <>
              <ShownCount count={items.length} />
              <DataTable label={t('heldEmails.tableCaption')} columns={[t('heldEmails.heldAt'), t('heldEmails.reason'), t('heldEmails.message'), t('words.actions')]} cards>
                {items.map((email) => {
                  const when = formatDateTime(email.heldAt, i18n.language);
                  const reason = heldReason(email.reason);
                  return (
                    <Row key={email.id} data-held={email.id}>
                      <RowHeader className="nowrap">{when}</RowHeader>
                      <Cell label={t('heldEmails.reason')}>{t(`heldEmails.reasons.${reason.key}`, { code: reason.code ?? '', reason: email.reason })}</Cell>
                      <Cell label={t('heldEmails.message')}>
                        <span className="nowrap">{t('heldEmails.uid', { uid: email.uid })}</span> · <span className="nowrap">{formatBytes(email.sizeBytes)}</span>
                      </Cell>
                      <Cell>
                        <div className="held-actions">
                          {rawKept(email.reason) ? (
                            <a className="button button--secondary button--small" href={heldEmailUrl(code, email.id)} download>
                              {t('heldEmails.download')}
                              <span className="visually-hidden"> {when}</span>
                            </a>
                          ) : (
                            <span className="muted small">{t('heldEmails.inMailbox')}</span>
                          )}
                          <ConfirmButton
                            label={t('heldEmails.dealtWith')}
                            context={when}
                            text={t('heldEmails.dealtWithText', { when })}
                            onConfirm={() => dealtWith(email, when)}
                          />
                        </div>
                      </Cell>
                    </Row>
                  );
                })}
              </DataTable>
              <ShowMore list={list} />
            </>
          )}
        </ListStates>
      )}
    </>
  );
}
