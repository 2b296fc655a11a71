/** การคัดแยกโดยระบบ: what the classifier proposed for a case, why, the suggested agencies and possible duplicates. */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { fetchCategories, useList } from '../api/reference.ts';
import type { CaseTriage, PossibleDuplicate } from '../api/staff.ts';
import { formatDateTime } from '../components/dates.ts';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatScore } from './AgencyChooser.tsx';

export function TriagePanel({ triage: { triage, possibleDuplicates } }: { triage: CaseTriage }) {
  const { t, i18n } = useTranslation('staff');
  const categories = useList('all', fetchCategories);
  const category = triage?.predictedCategoryCode ? categories.items.find((item) => item.code === triage.predictedCategoryCode) : undefined;
  const predictedCategory = category ? (i18n.language === 'th' ? category.nameTh : category.nameEn) : undefined;
  return (
    <div className="triage">
      {triage ? (
        <dl className="facts">
          <dt>{t('triage.predicted')}</dt>
          <dd>
            <span lang="th">{triage.predictedLabel ?? '—'}</span>
            {/* The category the label stands for, by its name (never its code), when it is not the same words. */}
            {predictedCategory && predictedCategory !== triage.predictedLabel ? <span className="muted"> ({t('triage.category', { name: predictedCategory })})</span> : null}
          </dd>
          <dt>{t('triage.confidence')}</dt>
          <dd>{triage.confidence === null ? '—' : formatScore(triage.confidence)}</dd>
          <dt>{t('triage.decision')}</dt>
          <dd>
            {triage.decision === 'auto_assigned' ? t('triage.auto_assigned') : t('triage.screeningDecision')} <span className="muted">
              · <span className="nowrap">{formatDateTime(triage.decidedAt, i18n.language)}</span>
            </span>
          </dd>
          {triage.reasons.length > 0 ? (
            <>
              <dt>{t('triage.reasons')}</dt>
              <dd>
                <ul>
                  {triage.reasons.map((reason) => (
                    <li key={reason.code}>{t(`reason.${reason.code}`)}</li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          {triage.topWords.length > 0 ? (
            <>
              <dt>{t('triage.topWords')}</dt>
              <dd lang="th">{triage.topWords.map((word) => word.word).join(' · ')}</dd>
            </>
          ) : null}
          {triage.suggestions.length > 0 ? (
            <>
              <dt>{t('triage.suggestions')}</dt>
              <dd>
                <ul>
                  {triage.suggestions.map((suggestion) => (
                    <li key={suggestion.agencyCode}>
                      <span lang="th">{suggestion.agencyNameTh}</span> <span className="muted">({formatScore(suggestion.score)} · {t(`triage.source.${suggestion.source}`)})</span>
                      <br />
                      <span className="muted" lang="th">
                        {suggestion.reasonTh}
                      </span>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="muted">{t('triage.none')}</p>
      )}
      <h3>{t('triage.duplicates')}</h3>
      {possibleDuplicates.length === 0 ? (
        <p className="muted">{t('triage.noDuplicates')}</p>
      ) : (
        <ul>
          {possibleDuplicates.map((duplicate) => (
            <li key={duplicate.caseId}>
              <DuplicateSummary duplicate={duplicate} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A possible duplicate in a line: its tracking code (a link to it, unless `link` is false, as
 * inside a radio button's label), its status, and why it looks the same and how much.
 */
export function DuplicateSummary({ duplicate, link = true }: { duplicate: PossibleDuplicate; link?: boolean }) {
  const { t } = useTranslation('staff');
  return (
    <>
      {link ? (
        <Link href={`/cases/${duplicate.caseId}`} className="mono">
          {duplicate.trackingCode}
        </Link>
      ) : (
        <span className="mono">{duplicate.trackingCode}</span>
      )}{' '}
      <StatusBadge status={duplicate.status} />{' '}
      <span className="muted">
        {duplicate.reason === 'same_complainant' ? t('triage.sameComplainant') : t('triage.similarText')} · {t('triage.similarity', { value: formatScore(duplicate.similarity) })}
      </span>
    </>
  );
}
