/**
 * ช่องทางรับเรื่องร้องเรียน: the channels an agency offers — what the citizen portal's contact
 * page shows, what staff intake picks from, what the yearly report counts. The administrator's
 * own agency first, any agency they administer by the search; adding, changing, and removing
 * (a channel that cases name is deactivated instead, and the page says so).
 */
import { useTranslation } from 'react-i18next';
import { fetchAgencyChannels, removeAgencyChannel, type AgencyChannel } from '../api/channels.ts';
import { AgencyPicker } from '../components/AgencyPicker.tsx';
import { ChannelForm } from './ChannelForm.tsx';
import { AddButton, Cell, DataTable, ListStates, Notices, Row, RowActions, RowHeader, useAdminPage, withItem, withoutItem } from './lists.tsx';
import { localName, PageHeading, useAgencyChoice, useLoad } from './ui.tsx';

export function ChannelsPage() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const page = useAdminPage<AgencyChannel>();
  const [agency, setAgency] = useAgencyChoice();
  const code = agency?.code ?? '';
  const list = useLoad((signal) => fetchAgencyChannels(code, { signal }), [code]);
  const channels = list.data;

  const remove = (channel: AgencyChannel) =>
    page.remove(
      () => removeAgencyChannel(code, channel.id),
      ({ outcome }) => {
        if (outcome === 'deactivated') {
          list.setData(withItem({ ...channel, active: false }));
          return t('channels.deactivatedMessage', { label: channel.labelTh });
        }
        list.setData(withoutItem(channel.id));
        return t('channels.removedMessage', { label: channel.labelTh });
      },
    );

  return (
    <>
      <PageHeading title={t('channels.heading')} lead={t('channels.lead')} />
      <AgencyPicker label={t('channels.agency')} name="agency" required value={agency} onChange={(chosen) => chosen && (page.close(), setAgency(chosen))} hint={t('channels.agencyHint')} />
      <Notices status={page.status} actionError={page.actionError} />
      {channels?.canManage ? (
        page.panel ? (
          <ChannelForm
            key={page.formKey}
            agencyCode={code}
            channel={page.editing}
            onCancel={() => page.close()}
            onSaved={(saved, created) => {
              page.close(t(created ? 'channels.createdMessage' : 'channels.savedMessage', { label: saved.labelTh }));
              if (created) list.reload();
              else list.setData(withItem(saved));
            }}
          />
        ) : (
          <AddButton label={t('channels.add')} onClick={page.openCreate} />
        )
      ) : channels ? (
        <p className="admin-alert admin-alert--info">{t('channels.notYours')}</p>
      ) : null}
      <ListStates list={list} empty={t('channels.empty')}>
        {(items) => (
          <DataTable
            label={t('channels.tableCaption', { agency: agency ? localName(agency, i18n.language) : '' })}
            columns={[t('channels.channel'), t('channels.contact'), t('channels.fields.openingHours'), t('words.actions')]}
            cards
          >
            {items.map((channel) => (
              <Row key={channel.id} className={channel.active ? undefined : 'row--inactive'} data-channel={channel.id}>
                <RowHeader>
                  <span lang="th">{channel.labelTh}</span>
                  <div className="muted small">
                    {t(`channels.kinds.${channel.kind}`)} · {t('channels.positionShort', { position: channel.position })}
                  </div>
                  {channel.active ? null : <span className="badge badge--inactive">{t('channels.inactive')}</span>}
                </RowHeader>
                <Cell label={t('channels.contact')}>
                  <ContactCell channel={channel} />
                </Cell>
                <Cell label={t('channels.fields.openingHours')}>{channel.openingHours ?? <span className="muted">—</span>}</Cell>
                <Cell>
                  {channels?.canManage ? (
                    <RowActions
                      context={channel.labelTh}
                      onEdit={() => page.openEdit(channel)}
                      deleteText={t('channels.deleteText', { label: channel.labelTh })}
                      onDelete={() => remove(channel)}
                    />
                  ) : null}
                </Cell>
              </Row>
            ))}
          </DataTable>
        )}
      </ListStates>
    </>
  );
}

/** What a citizen needs, one line a field given. */
function ContactCell({ channel }: { channel: AgencyChannel }) {
  const { t } = useTranslation(['admin', 'common']);
  const lines = (['phone', 'lineId', 'facebookUrl', 'webUrl', 'email', 'postalAddress', 'location'] as const).filter((field) => channel[field]);
  if (lines.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="plain-list">
      {lines.map((field) => (
        <li key={field}>
          <span className="muted">{t(`channels.fields.${field}`)}:</span> <span className="channel-contact">{channel[field]}</span>
        </li>
      ))}
    </ul>
  );
}
