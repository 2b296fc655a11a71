/**
 * The dashboard's maps, drawn from the shipped district outlines (no tile server) and shaded by
 * the cases received in each area: Thailand by province (แผนที่ประเทศไทย), and one province by
 * district (Bangkok's 50 เขต unless another province is chosen). The figures themselves are in
 * the tables beside them; a map says the largest in its label, each area its count in a tooltip.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProvinceOutline } from '../../../shared/api/reference.ts';
import { boundingBox } from '../../../shared/polygon.ts';
import { fetchDistrictOutlines, fetchDistricts, fetchProvinceOutlines, fetchProvinces } from '../../api/reference.ts';
import type { AdminArea } from '../../api/types.ts';
import { fitProjection, outlinePath } from '../../components/district-map-geometry.ts';
import { useResource } from '../use-resource.ts';
import { SHADES, shadeLimits, shadeOf } from './map-scale.ts';

export interface AreaCount {
  code: string;
  count: number;
}

async function loadMap(outlines: Promise<ProvinceOutline[]>, areas: Promise<AdminArea[]>, width: number, height: number) {
  const [shapes, names] = await Promise.all([outlines, areas]);
  const projection = fitProjection(boundingBox(shapes.flatMap((outline) => outline.polygons)), width, height);
  const byCode = new Map(names.map((area) => [area.code, area]));
  return {
    width: projection.width,
    height: projection.height,
    areas: shapes.map((outline) => ({ code: outline.code, path: outlinePath(outline.polygons, projection), area: byCode.get(outline.code) })),
  };
}

interface AreaMapProps {
  /** Which map: the resource's key. */
  mapKey: string;
  load: () => Promise<Awaited<ReturnType<typeof loadMap>>>;
  counts: readonly AreaCount[];
  /** The map's accessible name, given the largest areas' figures. */
  label: (summary: string) => string;
  /** What to say when the map cannot load (where the figures are instead). */
  failed: string;
  testId: string;
}

function AreaMap({ mapKey, load, counts, label, failed, testId }: AreaMapProps) {
  const { t, i18n } = useTranslation('dashboard');
  const map = useResource(mapKey, load);
  const byCode = useMemo(() => new Map(counts.map((item) => [item.code, item.count])), [counts]);
  const limits = shadeLimits(Math.max(0, ...counts.map((item) => item.count)));
  if (map.state === 'loading') return <p className="muted">{t('map.loading')}</p>;
  if (map.state === 'failed') return <p className="muted">{failed}</p>;
  const nameOf = (code: string) => {
    const area = map.data.areas.find((item) => item.code === code)?.area;
    return area ? (i18n.language === 'th' ? area.nameTh : area.nameEn) : code;
  };
  const largest = [...counts].sort((a, b) => b.count - a.count).slice(0, 5);
  const summary = largest.length ? largest.map((item) => t('map.province', { name: nameOf(item.code), count: item.count })).join(', ') : t('map.none');
  return (
    <figure className="province-map" data-testid={testId}>
      <svg viewBox={`0 0 ${map.data.width} ${map.data.height.toFixed(0)}`} role="img" aria-label={label(summary)}>
        {map.data.areas.map((area) => {
          const count = byCode.get(area.code) ?? 0;
          return (
            <path key={area.code} d={area.path} fillRule="evenodd" className={`province-map__area province-map__area--${shadeOf(count, limits)}`} data-area={area.code}>
              <title>{t('map.province', { name: nameOf(area.code), count })}</title>
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

/** Thailand, each province shaded. */
export function ProvinceMap({ counts }: { counts: readonly AreaCount[] }) {
  const { t } = useTranslation('dashboard');
  return (
    <AreaMap
      mapKey="province-map"
      load={() => loadMap(fetchProvinceOutlines(), fetchProvinces(), 320, 600)}
      counts={counts}
      label={(summary) => t('map.label', { summary })}
      failed={t('map.failed')}
      testId="province-map"
    />
  );
}

/** One province, each district shaded. */
export function ProvinceDistrictMap({ provinceCode, provinceName, counts }: { provinceCode: string; provinceName: string; counts: readonly AreaCount[] }) {
  const { t } = useTranslation('dashboard');
  return (
    <AreaMap
      mapKey={`district-map:${provinceCode}`}
      load={() => loadMap(fetchDistrictOutlines(provinceCode), fetchDistricts(provinceCode), 420, 420)}
      counts={counts}
      label={(summary) => t('districtMap.label', { province: provinceName, summary })}
      failed={t('districtMap.failed')}
      testId="district-map"
    />
  );
}
