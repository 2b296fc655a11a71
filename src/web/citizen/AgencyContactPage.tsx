/**
 * ติดต่อหน่วยงาน: how to reach an agency — each channel it offers with what a citizen needs to
 * use it (a number to call, the LINE account, the Facebook page, the web address, the postal
 * address, where the suggestion box or the counter stands, the opening hours), and the search
 * that leads there. Loaded only when one of these pages opens.
 */
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { normalisePhone } from '../../shared/thai-phone.ts';
import { fetchAgencyChannels, type AgencyChannel } from '../api/channels.ts';
import { AgencyPicker } from '../components/AgencyPicker.tsx';
import { localName } from '../components/names.ts';
import { useAgencyPage } from './use-agency-page.ts';

/** /agencies: find an agency, then see how to reach it. */
export function AgencyFinderPage() {
  const { t } = useTranslation('citizen');
  const [, navigate] = useLocation();
  return (
    <div className="contact">
      <h1>{t('contact.findHeading')}</h1>
      <p className="lead">{t('contact.findLead')}</p>
      <AgencyPicker label={t('contact.agency')} hint={t('contact.agencyHint')} name="agency" value={null} onChange={(agency) => agency && navigate(`/agencies/${encodeURIComponent(agency.code)}`)} />
    </div>
  );
}

/** /agencies/:code: the agency's channels, or a word that it lists none. */
export function AgencyContactPage({ code }: { code: string }) {
  const { t, i18n } = useTranslation('citizen');
  const loaded = useAgencyPage(code, (agencyCode, signal) => fetchAgencyChannels(agencyCode, { activeOnly: true, signal }));

  if (loaded.state === 'loading') return <p role="status">{t('contact.loading')}</p>;
  if (loaded.state !== 'loaded') {
    return (
      <div className="contact">
        <h1>{t('contact.heading')}</h1>
        <p className="notice" role="alert">
          {loaded.state === 'missing' ? t('contact.notFound') : t('contact.failed')}
        </p>
        <Link href="/agencies">{t('contact.findAnother')}</Link>
      </div>
    );
  }
  const { agency, items } = loaded.data;
  return (
    <div className="contact">
      <h1>
        {t('contact.heading')}
        <span className="contact__agency">{localName(agency, i18n.language)}</span>
      </h1>
      {items.length === 0 ? (
        <div className="notice">
          <p>{t('contact.none')}</p>
          <p>{t('contact.noneHelp')}</p>
        </div>
      ) : (
        <>
          <p className="lead">{t('contact.lead')}</p>
          <ul className="contact__list">
            {items.map((channel) => (
              <ChannelCard key={channel.id} channel={channel} />
            ))}
          </ul>
        </>
      )}
      <p>
        <Link href={`/agencies/${encodeURIComponent(agency.code)}/reports`}>{t('contact.reports')}</Link>
      </p>
      <p className="contact__more">
        <Link href="/file" className="button button--primary">
          {t('contact.fileOnline')}
        </Link>{' '}
        <Link href="/agencies" className="button button--ghost">
          {t('contact.findAnother')}
        </Link>
      </p>
    </div>
  );
}

/** The LINE address that opens a chat with an account (an official account's ID starts with @). */
function lineUrl(lineId: string): string {
  return `https://line.me/R/ti/p/${encodeURIComponent(lineId)}`;
}

function ChannelCard({ channel }: { channel: AgencyChannel }) {
  const { t, i18n } = useTranslation('citizen');
  // The label says what kind of channel it is ("โทรศัพท์ 0 5662 2353"); each fact is named.
  const label = i18n.language === 'th' || !channel.labelEn ? channel.labelTh : channel.labelEn;
  return (
    <li className="card contact__channel">
      <h2 lang={label === channel.labelTh ? 'th' : undefined}>{label}</h2>
      <dl className="facts">
        {channel.phone ? (
          <>
            <dt>{t('contact.phone')}</dt>
            <dd>
              <a href={`tel:${normalisePhone(channel.phone)}`}>{channel.phone}</a>
            </dd>
          </>
        ) : null}
        {channel.lineId ? (
          <>
            <dt>LINE</dt>
            <dd>
              <a href={lineUrl(channel.lineId)} rel="noopener noreferrer">
                {channel.lineId}
              </a>
            </dd>
          </>
        ) : null}
        {channel.facebookUrl ? (
          <>
            <dt>Facebook</dt>
            <dd>
              <a href={channel.facebookUrl} rel="noopener noreferrer" className="contact__url">
                {channel.facebookUrl.replace(/^https?:\/\/(www\.)?/, '')}
              </a>
            </dd>
          </>
        ) : null}
        {channel.webUrl ? (
          <>
            <dt>{t('contact.web')}</dt>
            <dd>
              <a href={channel.webUrl} rel="noopener noreferrer" className="contact__url">
                {channel.webUrl.replace(/^https?:\/\//, '')}
              </a>
            </dd>
          </>
        ) : null}
        {channel.email ? (
          <>
            <dt>{t('contact.email')}</dt>
            <dd>
              <a href={`mailto:${channel.email}`}>{channel.email}</a>
            </dd>
          </>
        ) : null}
        {channel.postalAddress ? (
          <>
            <dt>{t('contact.postalAddress')}</dt>
            <dd>
              <address>{channel.postalAddress}</address>
            </dd>
          </>
        ) : null}
        {channel.location ? (
          <>
            <dt>{t('contact.location')}</dt>
            <dd>{channel.location}</dd>
          </>
        ) : null}
        {channel.openingHours ? (
          <>
            <dt>{t('contact.openingHours')}</dt>
            <dd>{channel.openingHours}</dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}
