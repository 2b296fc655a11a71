/**
 * The figures of a complaint report as tables, for staff (exact counts) and for the public (counts
 * below 5 in a breakdown as the API gives them: "<5"): the total, by channel (zero rows too), by
 * category, by result, by status at the end of the period, corruption and misconduct apart from
 * service (ITA), the time limits and satisfaction. Two-column tables that fit a phone as they are.
 */
import { useTranslation } from 'react-i18next';
import type { PublicReportFigures, ReportFigures as Figures } from '../../shared/api/reports.ts';
import { addCatalogues } from '../i18n/index.ts';
import { enReports } from '../i18n/en/reports.ts';
import { thReports } from '../i18n/th/reports.ts';
import './report-figures.css';

addCatalogues('reports', thReports, enReports);

type Count = number | '<5';

interface Row {
  key: string;
  label: string;
  count: Count;
}

const shown = (count: Count) => (typeof count === 'number' ? count.toLocaleString() : count);

function CountTable({ caption, rows, testId }: { caption: string; rows: readonly Row[]; testId: string }) {
  const { t } = useTranslation('reports');
  return (
    <div className="report-table" data-testid={testId}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('figures.name')}</th>
            <th scope="col" className="num">
              {t('figures.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={2} className="muted">
                {t('figures.none')}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td className="num">{shown(row.count)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The figures of one report; `small` says what "<5" means (the public figures). */
export function ReportFigures({ figures, small = false }: { figures: Figures | PublicReportFigures; small?: boolean }) {
  const { t, i18n } = useTranslation(['reports', 'common']);
  const thai = i18n.language === 'th';
  const average = figures.satisfaction.average;
  return (
    <div className="report-figures" data-testid="report-figures">
      <p className="report-figures__total">
        {t('figures.received')}: <strong>{t('figures.receivedCount', { count: figures.received })}</strong>
      </p>
      <div className="report-figures__grid">
        <CountTable
          caption={t('figures.byChannel')}
          testId="by-channel"
          rows={figures.byChannel.map((row, index) => ({ key: `${row.kind}-${index}`, label: row.labelTh, count: row.count }))}
        />
        <CountTable caption={t('figures.byCategory')} testId="by-category" rows={figures.byCategory.map((row) => ({ key: row.code ?? '-', label: row.nameTh, count: row.count }))} />
        <CountTable
          caption={t('figures.byResult')}
          testId="by-result"
          rows={figures.byResult.map((row) => ({
            key: row.result ?? '-',
            label: row.result === null ? t('figures.noResult') : thai ? row.labelTh : t(`common:result.${row.result}`),
            count: row.count,
          }))}
        />
        <CountTable
          caption={t('figures.byStatusAtEnd')}
          testId="by-status"
          rows={figures.byStatusAtEnd.map((row) => ({ key: row.status, label: thai ? row.labelTh : t(`common:status.${row.status}`), count: row.count }))}
        />
        <CountTable
          caption={t('figures.integrity')}
          testId="integrity"
          rows={(['corruption', 'misconduct', 'service'] as const).map((kind) => ({ key: kind, label: t(`figures.${kind}`), count: figures.integrity[kind] }))}
        />
        <CountTable
          caption={t('figures.sla')}
          testId="sla"
          rows={(['met', 'missed', 'openWithinTime', 'openOverdue'] as const).map((kind) => ({ key: kind, label: t(`figures.${kind}`), count: figures.sla[kind] }))}
        />
        <div className="report-table" data-testid="satisfaction">
          <table>
            <caption>{t('figures.satisfaction')}</caption>
            <tbody>
              <tr>
                <th scope="row">{t('figures.responses')}</th>
                <td className="num">{shown(figures.satisfaction.responses)}</td>
              </tr>
              <tr>
                <th scope="row">{t('figures.average')}</th>
                <td className="num">{average === null ? t('figures.none') : average.toFixed(2)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </div>
      {small ? <p className="muted report-figures__small">{t('figures.small')}</p> : null}
    </div>
  );
}
