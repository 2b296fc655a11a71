/**
 * ความเคลื่อนไหว: every event of a case, oldest first. Internal notes and public replies are
 * told apart in words ("ภายในหน่วยงาน" / "ผู้ร้องเห็น"), by an outline style and by a marker, not
 * by colour alone. Text is rendered as text, never as markup. Who acted is named as the server
 * sends it (the person's name and the agency's), and the files of an entry are listed on it.
 */
import { Trans, useTranslation } from 'react-i18next';
import { attachmentUrl, type CaseAttachment, type CaseEvent } from '../api/staff.ts';
import { formatDateTime } from '../components/dates.ts';

export function CaseTimeline({ caseId, events, attachments }: { caseId: string; events: readonly CaseEvent[]; attachments: readonly CaseAttachment[] }) {
  const { t, i18n } = useTranslation(['staff', 'common']);
  if (events.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  const agencyName = (actor: CaseEvent['actor']) => (i18n.language === 'th' ? actor.agencyNameTh : actor.agencyNameEn) ?? actor.agencyCode;
  // Where a hand-over sent the case (ส่งเรื่อง / ส่งต่อ): the event's own record of the agency.
  const targetAgency = (event: CaseEvent) => {
    if (event.type !== 'assigned' && event.type !== 'forwarded') return null;
    const name = i18n.language === 'th' ? event.details.agencyNameTh : (event.details.agencyNameEn ?? event.details.agencyNameTh);
    return typeof name === 'string' ? name : typeof event.details.agencyCode === 'string' ? event.details.agencyCode : null;
  };
  const whoActed = (actor: CaseEvent['actor']) => {
    const name = actor.displayName ?? actor.username;
    if (!name) return t('timeline.system');
    const agency = agencyName(actor);
    return agency ? t('timeline.person', { name, agency }) : name;
  };
  return (
    <ol className="staff-timeline">
      {events.map((event) => {
        const internal = event.visibility === 'internal';
        const who = whoActed(event.actor);
        const target = targetAgency(event);
        const files = event.attachmentIds.map((id) => attachments.find((attachment) => attachment.id === id)).filter((file) => file !== undefined);
        return (
          <li key={event.id} className={internal ? 'staff-timeline__item staff-timeline__item--internal' : 'staff-timeline__item staff-timeline__item--public'} data-visibility={event.visibility} data-event-type={event.type}>
            <p className="staff-timeline__meta">
              <span className={internal ? 'visibility visibility--internal' : 'visibility visibility--public'}>{internal ? t('timeline.internal') : t('timeline.public')}</span>{' '}
              <strong>{t(`common:event.${event.type}` as never, { defaultValue: t('common:event.other') }) as string}</strong> ·{' '}
              <time dateTime={event.at} className="nowrap">
                {formatDateTime(event.at, i18n.language)}
              </time>{' '}
              · {t('timeline.by', { who })}
            </p>
            {target ? <p className="staff-timeline__target">{t(event.details.automatic === true ? 'timeline.toByRule' : 'timeline.to', { agency: target })}</p> : null}
            {event.statusBefore && event.statusAfter && event.statusBefore !== event.statusAfter ? (
              <p className="muted">
                {/* A status is a phrase: it wraps as a whole, never inside (ดำเนิน|การ). */}
                <Trans
                  t={t}
                  i18nKey="timeline.statusChange"
                  values={{
                    from: t(`common:status.${event.statusBefore}` as never, { defaultValue: event.statusBefore }) as string,
                    to: t(`common:status.${event.statusAfter}` as never, { defaultValue: event.statusAfter }) as string,
                  }}
                  components={{ from: <span className="nowrap" />, to: <span className="nowrap" /> }}
                />
              </p>
            ) : null}
            {event.message ? <p className="staff-timeline__message">{event.message}</p> : null}
            {files.length > 0 ? (
              <div className="staff-timeline__files">
                <span className="muted">{t('timeline.files')}:</span>
                <ul>
                  {files.map((file) => (
                    <li key={file.id}>
                      {/* Opening is audited by the server; a file the user may not open says so instead. */}
                      {file.visible ? (
                        <a href={attachmentUrl(caseId, file.id)} target="_blank" rel="noopener">
                          {file.fileName}
                        </a>
                      ) : (
                        t('timeline.fileWithheld', { name: file.fileName })
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
