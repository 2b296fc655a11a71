/**
 * คัดกรองเรื่อง: the screening queue — cases waiting for a person, the longest waiting first, with
 * why each needs a person, the agencies triage suggests and the possible duplicates.
 */
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { fetchScreening, type ScreeningItem } from '../api/staff.ts';
import { formatDateTime } from '../components/dates.ts';
import { Loading } from '../components/Layout.tsx';
import { SlaBadge, StatusBadge } from '../components/StatusBadge.tsx';
import { formatScore } from './AgencyChooser.tsx';
import { Markers } from './CaseTable.tsx';
import { DuplicateSummary } from './TriagePanel.tsx';
import { Empty, LoadError } from './states.tsx';
import { useResource } from './use-resource.ts';

export function ScreeningPage() {
  const { t } = useTranslation(['staff', 'common']);
  const first = useResource('screening', (signal) => fetchScreening(null, signal));
  const [more, setMore] = useState<{ items: ScreeningItem[]; nextCursor: string | null; loading: boolean; error?: unknown } | null>(null);

  const items = first.state === 'ready' ? [...first.data.items, ...(more?.items ?? [])] : [];
  const nextCursor = more ? more.nextCursor : first.state === 'ready' ? first.data.nextCursor : null;

  const showMore = async () => {
    if (!nextCursor) return;
    setMore((previous) => ({ items: previous?.items ?? [], nextCursor, loading: true }));
    try {
      const page = await fetchScreening(nextCursor);
      setMore((previous) => ({ items: [...(previous?.items ?? []), ...page.items], nextCursor: page.nextCursor, loading: false }));
    } catch (error) {
      setMore((previous) => ({ items: previous?.items ?? [], nextCursor, loading: false, error }));
    }
  };

  return (
    <div>
      <h1>{t('screening.heading')}</h1>
      <p className="lead">{t('screening.lead')}</p>
      {first.state === 'loading' ? <Loading /> : null}
      {first.state === 'failed' ? <LoadError error={first.error} retry={first.reload} forbidden={t('screening.forbidden')} /> : null}
      {first.state === 'ready' && items.length === 0 ? <Empty>{t('screening.empty')}</Empty> : null}
      {items.length > 0 ? (
        <ol className="screening-list">
          {items.map((item) => (
            <ScreeningCard key={item.id} item={item} />
          ))}
        </ol>
      ) : null}
      {more?.error ? <LoadError error={more.error} retry={() => void showMore()} /> : null}
      {nextCursor ? (
        <div className="button-row">
          <button type="button" className="button button--secondary" disabled={more?.loading} onClick={() => void showMore()}>
            {more?.loading ? t('states.loadingMore') : t('common:actions.loadMore')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

function ScreeningCard({ item }: { item: ScreeningItem }) {
  const { t, i18n } = useTranslation(['staff', 'common']);
  const language = i18n.language;
  const triage = item.triage;
  return (
    <li className="card screening-card" data-case-id={item.id}>
      <div className="screening-card__head">
        <h2 className="screening-card__title">
          <Link href={`/cases/${item.id}`} aria-label={t('screening.open', { code: item.trackingCode })}>
            <span className="mono">{item.trackingCode}</span>
          </Link>{' '}
          {item.title ? <span>{item.title}</span> : null}
        </h2>
        <span className="screening-card__badges">
          <StatusBadge status={item.status} /> <SlaBadge state={item.slaState} /> <Markers confidential={item.confidential} sensitive={item.sensitive} />
        </span>
      </div>
      <p className="muted">
        {t('screening.received', { date: formatDateTime(item.receivedAt, language) })} · {t(`common:channel.${item.channel}`)}
      </p>
      <p className="screening-card__summary">{item.summary}</p>
      {triage ? (
        <div className="screening-card__triage">
          {triage.predictedLabel ? (
            <p>
              <Trans t={t} i18nKey="screening.predicted" values={{ label: triage.predictedLabel, confidence: triage.confidence === null ? '—' : formatScore(triage.confidence) }} components={{ thai: <span lang="th" /> }} />
            </p>
          ) : null}
          {triage.reasons.length > 0 ? (
            <div>
              <h3>{t('screening.reasons')}</h3>
              <ul>
                {triage.reasons.map((reason) => (
                  <li key={reason.code}>{t(`reason.${reason.code}`)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div>
            <h3>{t('screening.suggestions')}</h3>
            {triage.suggestions.length === 0 ? (
              <p className="muted">{t('screening.noSuggestions')}</p>
            ) : (
              <ul>
                {triage.suggestions.map((suggestion) => (
                  <li key={suggestion.agencyCode}>
                    <span lang="th">{suggestion.agencyNameTh}</span> <span className="muted">({t('agency.score', { score: formatScore(suggestion.score) })} · {t(`triage.source.${suggestion.source}`)})</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      ) : null}
      {item.possibleDuplicates.length > 0 ? (
        <div>
          <h3>{t('screening.duplicates')}</h3>
          <ul>
            {item.possibleDuplicates.map((duplicate) => (
              <li key={duplicate.caseId}>
                <DuplicateSummary duplicate={duplicate} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}
