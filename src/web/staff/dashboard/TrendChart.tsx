/**
 * The cases received over the period, day by day or month by month, against the period before:
 * a line chart drawn by Chart.js (tree-shaken to the parts a line needs, in the dashboard's own
 * chunk, so no other page downloads it). A canvas says nothing to a screen reader, so the same
 * figures follow as a table that only assistive technology reads.
 */
import { CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../shared/api/dashboard.ts';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend, Filler);

type Series = Dashboard['received']['series'];

/** Short day or month names, in Thai with the Buddhist-era year. */
function slotLabel(slot: string, grain: Series['grain'], language: string): string {
  const date = new Date(`${slot}T00:00:00Z`);
  const parts: Intl.DateTimeFormatOptions = grain === 'day' ? { day: 'numeric', month: 'short' } : { month: 'short', year: '2-digit' };
  return new Intl.DateTimeFormat(language === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB', { ...parts, timeZone: 'UTC' }).format(date);
}

export function TrendChart({ series }: { series: Series }) {
  const { t, i18n } = useTranslation('dashboard');
  const canvas = useRef<HTMLCanvasElement>(null);
  const labels = series.current.map((point) => slotLabel(point.slot, series.grain, i18n.language));
  const current = series.current.map((point) => point.cases);
  // The period before, slot by slot from its start (its nth day or month beside this one's).
  const previous = series.previous.map((point) => point.cases).slice(0, labels.length);
  const currentLabel = t('trend.current');
  const previousLabel = t('trend.previous');

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    let chart: Chart | undefined;
    let cancelled = false;
    // A canvas draws with the fonts loaded when it draws: wait for Sarabun, or Thai shows as boxes.
    const style = getComputedStyle(element);
    void document.fonts.load(`12px ${style.fontFamily}`).finally(() => {
      if (cancelled) return;
      chart = new Chart(element, {
        type: 'line',
        data: {
          labels,
          datasets: [
            { label: currentLabel, data: current, borderColor: '#1f5fa8', backgroundColor: 'rgba(31, 95, 168, 0.12)', fill: true, tension: 0.25, pointRadius: 2 },
            { label: previousLabel, data: previous, borderColor: '#8a94a3', borderDash: [5, 4], fill: false, tension: 0.25, pointRadius: 0 },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          interaction: { mode: 'index', intersect: false },
          scales: {
            y: { beginAtZero: true, ticks: { precision: 0, color: style.color, font: { family: style.fontFamily } } },
            x: { ticks: { autoSkip: true, maxRotation: 0, color: style.color, font: { family: style.fontFamily } } },
          },
          plugins: {
            legend: { position: 'bottom', labels: { color: style.color, font: { family: style.fontFamily, size: 13 } } },
            tooltip: { titleFont: { family: style.fontFamily }, bodyFont: { family: style.fontFamily } },
          },
        },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
    // The figures are redrawn when the series changes (a new period or filter).
  }, [JSON.stringify(series), i18n.language]);

  return (
    <figure className="trend-chart" data-testid="trend-chart">
      <figcaption className="trend-chart__caption">{t(series.grain === 'day' ? 'trend.byDay' : 'trend.byMonth')}</figcaption>
      <div className="trend-chart__canvas">
        <canvas ref={canvas} aria-hidden="true" />
      </div>
      <table className="visually-hidden">
        <caption>{t(series.grain === 'day' ? 'trend.byDay' : 'trend.byMonth')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('trend.slot')}</th>
            <th scope="col">{currentLabel}</th>
            <th scope="col">{previousLabel}</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => (
            <tr key={series.current[i]?.slot ?? label}>
              <th scope="row">{label}</th>
              <td>{current[i]}</td>
              <td>{previous[i] ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
