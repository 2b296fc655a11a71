/**
 * แผนที่ประเทศไทย: every province drawn from the shipped district outlines (no tile server),
 * shaded by the cases received there. The figures themselves are in the province table beside
 * it; the map says the largest in its label, and each province its count in a tooltip.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { boundingBox } from '../../../shared/polygon.ts';
import { fetchProvinceOutlines, fetchProvinces } from '../../api/reference.ts';
import { fitProjection, outlinePath } from '../../components/district-map-geometry.ts';
import { useResource } from '../use-resource.ts';
import { SHADES, shadeLimits, shadeOf } from './map-scale.ts';

const MAP_WIDTH = 320;
const MAP_HEIGHT = 600;

export interface ProvinceCount {
  code: string;
  count: number;
}

async function loadMap() {
  const [outlines, provinces] = await Promise.all([fetchProvinceOutlines(), fetchProvinces()]);
  const projection = fitProjection(boundingBox(outlines.flatMap((outline) => outline.polygons)), MAP_WIDTH, MAP_HEIGHT);
  const names = new Map(provinces.map((province) => [province.code, province]));
  return {
    width: projection.width,
    height: projection.height,
    provinces: outlines.map((outline) => ({ code: outline.code, path: outlinePath(outline.polygons, projection), area: names.get(outline.code) })),
  };
}

export function ProvinceMap({ counts }: { counts: readonly ProvinceCount[] }) {
  const { t, i18n } = useTranslation('dashboard');
  const map = useResource('province-map', loadMap);
  const byCode = useMemo(() => new Map(counts.map((item) => [item.code, item.count])), [counts]);
  const limits = shadeLimits(Math.max(0, ...counts.map((item) => item.count)));
  if (map.state === 'loading') return <p className="muted">{t('map.loading')}</p>;
  if (map.state === 'failed') return <p className="muted">{t('map.failed')}</p>;
  const nameOf = (code: string) => {
    const area = map.data.provinces.find((province) => province.code === code)?.area;
    return area ? (i18n.language === 'th' ? area.nameTh : area.nameEn) : code;
  };
  const largest = [...counts].sort((a, b) => b.count - a.count).slice(0, 5);
  const summary = largest.length ? largest.map((item) => t('map.province', { name: nameOf(item.code), count: item.count })).join(', ') : t('map.none');
  return (
    <figure className="province-map" data-testid="province-map">
      <svg viewBox={`0 0 ${map.data.width} ${map.data.height.toFixed(0)}`} role="img" aria-label={t('map.label', { summary })}>
        {map.data.provinces.map((province) => {
          const count = byCode.get(province.code) ?? 0;
          return (
            <path key={province.code} d={province.path} fillRule="evenodd" className={`province-map__area province-map__area--${shadeOf(count, limits)}`} data-province={province.code}>
              <title>{t('map.province', { name: nameOf(province.code), count })}</title>
            </path>
          );
        })}
      </svg>
      <figcaption>
        <span>{t('map.legend')}:</span>
        <span className="province-map__key">
          <span className="province-map__swatch province-map__area--0" aria-hidden="true" /> {t('map.zero')}
        </span>
        {limits.map((limit, i) => (
          <span key={limit} className="province-map__key">
            <span className={`province-map__swatch province-map__area--${i + 1 + (SHADES - limits.length)}`} aria-hidden="true" /> {(limits[i - 1] ?? 0) + 1}
            {limit > (limits[i - 1] ?? 0) + 1 ? `–${limit}` : ''}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
