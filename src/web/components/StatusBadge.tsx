/** A case's status, and its deadline state, as small coloured labels with text (never colour alone). */
import { useTranslation } from 'react-i18next';
import type { CaseStatus, SlaState } from '../../shared/case-model.ts';

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--status-${status}`}>{t(`status.${status}`)}</span>;
}

export function SlaBadge({ state }: { state: SlaState }) {
  const { t } = useTranslation();
  return <span className={`badge badge--sla-${state}`}>{t(`sla.${state}`)}</span>;
}
