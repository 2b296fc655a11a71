/**
 * A case for staff: header with status and deadline, the redacted text, the complainant behind
 * an audited reveal, attachments, its exchange with partner systems (when it has any), the
 * actions allowed now, triage and the timeline.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { FINAL_STATUSES, type CaseAction, type CaseStatus } from '../../shared/case-model.ts';
import { fetchDistricts, fetchProvinces, fetchSubdistricts, useList } from '../api/reference.ts';
import { fetchCaseExchange, type CaseExchange as CaseExchangeTrail } from '../api/exchange.ts';
import { fetchCase, fetchTriage } from '../api/staff.ts';
import type { CaseDetail } from '../api/types.ts';
import { Explanation } from '../components/Explanation.tsx';
import { formatDate, formatDateTime } from '../components/dates.ts';
import { Loading } from '../components/Layout.tsx';
import { SlaBadge, StatusBadge } from '../components/StatusBadge.tsx';
import { AccessKeyReissue } from './AccessKeyReissue.tsx';
import { CaseActions } from './CaseActions.tsx';
import { CaseAttachments } from './CaseAttachments.tsx';
import { CaseExchange } from './CaseExchange.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
import { Markers } from './CaseTable.tsx';
import { IdentityPanel } from './IdentityPanel.tsx';
import { LoadError } from './states.tsx';
import { TriagePanel } from './TriagePanel.tsx';
import { useResource, type Resource } from './use-resource.ts';

/** Statuses whose deadline is settled: the result is given, or there is none to give. */
const DONE_STATUSES: readonly CaseStatus[] = ['resolved', ...FINAL_STATUSES];

export function CasePage({ id }: { id: string }) {
  const { t } = useTranslation(['staff', 'common']);
  const detail = useResource(`case-${id}`, (signal) => fetchCase(id, signal));
  const triage = useResource(`triage-${id}`, (signal) => fetchTriage(id, signal));
  const exchange = useResource(`exchange-${id}`, (signal) => fetchCaseExchange(id, signal));
  const [announcement, setAnnouncement] = useState('');

  const done = (action: CaseAction, status: CaseStatus) => {
    setAnnouncement(t('actions.done', { action: t(`actions.names.${action}`), status: t(`common:status.${status}`) }));
    detail.reload();
    triage.reload();
    exchange.reload();
  };

  return (
    <div className="case-page">
      <p className="no-print">
        <Link href="/inbox">← {t('case.back')}</Link>
      </p>
      <p role="status" className={announcement ? 'success' : 'visually-hidden'} data-testid="case-announcement">
        {announcement}
      </p>
      {detail.state === 'loading' ? <Loading /> : null}
      {detail.state === 'failed' ? <LoadError error={detail.error} retry={detail.reload} /> : null}
      {detail.state === 'ready' ? (
        <CaseView detail={detail.data} triage={triage.state === 'ready' ? triage.data : undefined} triageFailed={triage.state === 'failed' ? triage.error : undefined} exchange={exchange} onDone={done} />
      ) : null}
    </div>
  );
}

interface CaseViewProps {
  detail: CaseDetail;
  triage: Parameters<typeof TriagePanel>[0]['triage'] | undefined;
  triageFailed: unknown;
  exchange: Resource<CaseExchangeTrail>;
  onDone: (action: CaseAction, status: CaseStatus) => void;
}

function CaseView({ detail, triage, triageFailed, exchange, onDone }: CaseViewProps) {
  const { t, i18n } = useTranslation(['staff', 'common']);
  const language = i18n.language;
  const name = (item: { nameTh: string; nameEn: string }) => (language === 'th' ? item.nameTh : item.nameEn);
  const { sla } = detail;
  const actionsHeadingRef = useRef<HTMLHeadingElement>(null);
  // A form closed on success: the focus goes back to the actions (the status line announces the result).
  const actionDone = (action: CaseAction, status: CaseStatus) => {
    actionsHeadingRef.current?.focus();
    onDone(action, status);
  };
  const provinces = useList('all', fetchProvinces);
  const districts = useList(detail.location.provinceCode ?? '', fetchDistricts);
  const subdistricts = useList(detail.location.districtCode ?? '', fetchSubdistricts);
  // Area codes as names once the lists are in; the code meanwhile.
  const area = (code: string | null, list: readonly { code: string; nameTh: string; nameEn: string }[]) => {
    const found = code ? list.find((item) => item.code === code) : undefined;
    return found ? name(found) : code;
  };
  const location = [
    detail.location.address,
    area(detail.location.subdistrictCode, subdistricts.items),
    area(detail.location.districtCode, districts.items),
    area(detail.location.provinceCode, provinces.items),
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <article className="case-layout">
      <header className="case-layout__header">
        <h1>{t('case.heading', { code: detail.trackingCode })}</h1>
        <p className="case-layout__badges">
          <StatusBadge status={detail.status} /> <SlaBadge state={detail.slaState} /> <Markers confidential={detail.confidential} sensitive={detail.sensitive} anonymous={detail.anonymous} />
        </p>
        {detail.title ? <p className="case-layout__title">{detail.title}</p> : null}
      </header>

      <section className="case-layout__main" aria-labelledby="case-facts">
        <h2 id="case-facts">{t('case.facts')}</h2>
        <dl className="facts">
          <dt>{t('case.receivedAt')}</dt>
          <dd>{formatDateTime(detail.receivedAt, language)}</dd>
          <dt>{t('case.dueDate')}</dt>
          <dd>
            <strong>{formatDate(sla.dueDate, language)}</strong> ({t(`common:sla.${sla.state}`)}
            {/* Days left mean nothing once the result is given (the state says met or missed). */}
            {!DONE_STATUSES.includes(detail.status)
              ? ` · ${sla.businessDaysLeft < 0 ? t('case.daysOverdue', { count: -sla.businessDaysLeft }) : t('case.daysLeft', { count: sla.businessDaysLeft })}`
              : ''}
            )
          </dd>
          <dt>{t('case.holder')}</dt>
          <dd>{name(detail.holder)}</dd>
          <dt>{t('case.receivingAgency')}</dt>
          <dd>{name(detail.receivingAgency)}</dd>
          <dt>{t('case.category')}</dt>
          <dd>{detail.category ? name(detail.category) : t('inbox.noCategory')}</dd>
          <dt>{t('case.channel')}</dt>
          <dd>
            {t(`common:channel.${detail.channel}`)}
            {/* The receiving agency's own channel, as staff named it at intake ("โทรศัพท์ 0 5662 2353"). */}
            {detail.receivedThrough ? ` · ${language === 'th' || !detail.receivedThrough.labelEn ? detail.receivedThrough.labelTh : detail.receivedThrough.labelEn}` : ''}
          </dd>
          <dt>{t('case.location')}</dt>
          <dd>{location || t('case.noLocation')}</dd>
          {detail.result ? (
            <>
              <dt>{t('case.result')}</dt>
              <dd>{t(`common:result.${detail.result}`)}</dd>
            </>
          ) : null}
          <dt>{t('case.contacts')}</dt>
          <dd>{detail.contactCount}</dd>
          {detail.satisfaction !== null ? (
            <>
              <dt>{t('case.satisfaction')}</dt>
              <dd>{t('case.satisfactionValue', { value: detail.satisfaction })}</dd>
            </>
          ) : null}
          {detail.mergedInto ? (
            <>
              <dt>{t('case.mergedInto')}</dt>
              <dd>
                <Link href={`/cases/${detail.mergedInto.id}`} className="mono">
                  {detail.mergedInto.trackingCode}
                </Link>
              </dd>
            </>
          ) : null}
        </dl>
        <Explanation summary={t('case.slaWhy')} lines={sla.explanation} />

        <h2>{t('case.description')}</h2>
        <p className="muted">{t('case.redactedNote')}</p>
        <p className="case-text" data-testid="case-description">
          {detail.description}
        </p>

        <h2>{t('identity.heading')}</h2>
        <IdentityPanel key={detail.id} detail={detail} />
        <AccessKeyReissue key={`access-key-${detail.id}`} detail={detail} />

        <h2>{t('attachments.heading')}</h2>
        <CaseAttachments caseId={detail.id} attachments={detail.attachments} />

        <CaseExchange trail={exchange} />
      </section>

      <aside className="case-layout__side" aria-label={t('actions.heading')}>
        <section aria-labelledby="case-actions">
          <h2 id="case-actions" ref={actionsHeadingRef} tabIndex={-1}>
            {t('actions.heading')}
          </h2>
          <CaseActions detail={detail} triage={triage} onDone={actionDone} />
        </section>
        <section aria-labelledby="case-triage">
          <h2 id="case-triage">{t('triage.heading')}</h2>
          {triage ? <TriagePanel triage={triage} /> : triageFailed ? <LoadError error={triageFailed} /> : <Loading />}
        </section>
      </aside>

      <section className="case-layout__timeline" aria-labelledby="case-timeline">
        <h2 id="case-timeline">{t('timeline.heading')}</h2>
        <CaseTimeline caseId={detail.id} events={detail.timeline} attachments={detail.attachments} />
      </section>
    </article>
  );
}
