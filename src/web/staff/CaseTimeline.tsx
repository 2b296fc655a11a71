/**
 * ความเคลื่อนไหว: every event of a case, oldest first. Internal notes and public replies are
 * told apart in words ("ภายในหน่วยงาน" / "ผู้ร้องเห็น"), by an outline style and by a marker, not
 * by colour alone. Text is rendered as text, never as markup.
 */
import { useTranslation } from 'react-i18next';
import type { CaseEvent } from '../api/staff.ts';
import { formatDateTime } from '../components/dates.ts';

export function CaseTimeline({ events }: { events: readonly CaseEvent[] }) {
  const { t, i18n } = useTranslation(['staff', 'common']);
  if (events.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  return (
    <ol className="staff-timeline">
      {events.map((event) => {
        const internal = event.visibility === 'internal';
        const who = event.actor.username ? `${event.actor.username}${event.actor.agencyCode ? ` (${event.actor.agencyCode})` : ''}` : t('timeline.system');
        return (
          <li key={event.id} className={internal ? 'staff-timeline__item staff-timeline__item--internal' : 'staff-timeline__item staff-timeline__item--public'} data-visibility={event.visibility} data-event-type={event.type}>
            <p className="staff-timeline__meta">
              <span className={internal ? 'visibility visibility--internal' : 'visibility visibility--public'}>{internal ? t('timeline.internal') : t('timeline.public')}</span>{' '}
              <strong>{t(`common:event.${event.type}` as never, { defaultValue: t('common:event.other') }) as string}</strong> ·{' '}
              <time dateTime={event.at}>{formatDateTime(event.at, i18n.language)}</time> · {t('timeline.by', { who })}
            </p>
            {event.statusBefore && event.statusAfter && event.statusBefore !== event.statusAfter ? (
              <p className="muted">
                {t('timeline.statusChange', {
                  from: t(`common:status.${event.statusBefore}` as never, { defaultValue: event.statusBefore }) as string,
                  to: t(`common:status.${event.statusAfter}` as never, { defaultValue: event.statusAfter }) as string,
                })}
              </p>
            ) : null}
            {event.message ? <p className="staff-timeline__message">{event.message}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
