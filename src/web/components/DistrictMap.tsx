/**
 * An optional map pin for the complaint form that needs no map tiles and no outside service:
 * the chosen district's outline (from the shipped boundaries), drawn as SVG, on which the
 * citizen taps, or uses the arrow keys, to mark the place. Without it the form works as before.
 */
import { useEffect, useId, useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoundingBox } from '../../shared/polygon.ts';
import { apiRequest } from '../api/client.ts';
import {
  clientToViewBox,
  fitProjection,
  insideOutline,
  interiorPoint,
  isArrowKey,
  nudge,
  outlinePath,
  PIN_STEP,
  PIN_STEP_LARGE,
  roundPosition,
  type LatLon,
} from './district-map-geometry.ts';

export interface DistrictMapProps {
  /** DOPA district code ("1001"); nothing is drawn while it is empty. */
  districtCode: string;
  value: LatLon | null;
  onChange(value: LatLon | null): void;
  /** Shown above the map and naming it for assistive technology. */
  label: string;
}

/** GET /api/v1/reference/districts/:code/boundary */
interface DistrictBoundary {
  code: string;
  bbox: BoundingBox;
  /** GeoJSON MultiPolygon coordinates ([lon, lat]). */
  polygons: Array<Array<Array<[number, number]>>>;
}

const boundaries = new Map<string, Promise<DistrictBoundary>>();

/** Once per page load and district; a failure is forgotten so that a later visit retries. */
function fetchBoundary(code: string): Promise<DistrictBoundary> {
  let pending = boundaries.get(code);
  if (!pending) {
    pending = apiRequest<DistrictBoundary>(`/api/v1/reference/districts/${encodeURIComponent(code)}/boundary`);
    pending.catch(() => boundaries.delete(code));
    boundaries.set(code, pending);
  }
  return pending;
}

type Loaded = { code: string; boundary: DistrictBoundary | null };

export function DistrictMap({ districtCode, value, onChange, label }: DistrictMapProps) {
  const { t } = useTranslation('citizen');
  const text = (key: string, defaultValue: string, values: object = {}) => String(t(`map.${key}` as never, { defaultValue, ...values } as never));
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    if (!districtCode) return;
    let current = true;
    fetchBoundary(districtCode).then(
      (boundary) => current && setLoaded({ code: districtCode, boundary }),
      () => current && setLoaded({ code: districtCode, boundary: null }),
    );
    return () => {
      current = false;
    };
  }, [districtCode]);

  const boundary = loaded?.code === districtCode ? loaded.boundary : undefined;
  const drawing = useMemo(() => {
    if (!boundary) return null;
    const projection = fitProjection(boundary.bbox);
    return { projection, path: outlinePath(boundary.polygons, projection) };
  }, [boundary]);

  // A new district starts without a message about the previous one.
  useEffect(() => setMessage(''), [districtCode]);

  if (!districtCode) return null;
  if (boundary === undefined) return <p className="loading">{text('loading', 'Loading the district map…')}</p>;
  if (boundary === null || !drawing) return <p className="muted">{text('failed', 'The map could not be shown. You can describe the place in the address field instead.')}</p>;

  const { projection, path } = drawing;
  const inside = value !== null && insideOutline(boundary.polygons, value);
  const pin = value && inside ? projection.project(value) : null;
  const place = (next: LatLon, key: 'placed' | 'moved') => {
    const rounded = roundPosition(next);
    onChange(rounded);
    setMessage(key === 'placed' ? text('placed', 'Pin placed at {{lat}}, {{lon}}', rounded) : text('moved', 'Pin moved to {{lat}}, {{lon}}', rounded));
  };

  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    const { x, y } = clientToViewBox(event.currentTarget.getBoundingClientRect(), projection, event.clientX, event.clientY);
    const position = projection.unproject(x, y);
    if (insideOutline(boundary.polygons, position)) place(position, 'placed');
    else setMessage(text('clickOutside', 'That spot is outside the chosen district, so no pin was placed.'));
  };

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      if (value) {
        onChange(null);
        setMessage(text('removed', 'Pin removed'));
      }
      return;
    }
    if (!isArrowKey(event.key) && event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    // No pin yet, or one outside the district (the device's position elsewhere): start inside.
    if (!value || !inside) return place(interiorPoint(boundary.polygons, boundary.bbox), 'placed');
    const next = nudge(value, event.key, projection, event.shiftKey ? PIN_STEP_LARGE : PIN_STEP);
    if (!next) return;
    if (insideOutline(boundary.polygons, next)) place(next, 'moved');
    else setMessage(text('edge', 'The pin is at the edge of the district.'));
  };

  return (
    <div className="district-map">
      <p id={`${id}-label`} className="field__label">
        {label}
      </p>
      <p id={`${id}-help`} className="field__hint">
        {text('help', 'Tap inside the outline to place a pin. With a keyboard, the arrow keys place and move the pin (Shift for bigger steps) and Delete removes it.')}
      </p>
      <svg
        viewBox={`0 0 ${projection.width} ${projection.height.toFixed(1)}`}
        role="application"
        tabIndex={0}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-help ${id}-pin`}
        onClick={onClick}
        onKeyDown={onKeyDown}
        style={{ display: 'block', width: '100%', maxWidth: '28rem', height: 'auto', background: 'var(--wash)', border: '1px solid var(--line)', borderRadius: 'var(--radius)', cursor: 'crosshair', touchAction: 'manipulation' }}
      >
        <path d={path} fillRule="evenodd" fill="var(--paper)" stroke="var(--brand)" strokeWidth={2} strokeLinejoin="round" />
        {pin ? (
          <g transform={`translate(${pin.x.toFixed(1)} ${pin.y.toFixed(1)})`} aria-hidden="true">
            <path d="M0 0C-3-7-10-12-10-19a10 10 0 1 1 20 0C10-12 3-7 0 0Z" fill="var(--danger)" stroke="var(--paper)" strokeWidth={2} />
            <circle cy={-19} r={3.5} fill="var(--paper)" />
          </g>
        ) : null}
      </svg>
      <p id={`${id}-pin`}>{value ? text('pinAt', 'Pin: {{lat}}, {{lon}}', { lat: value.lat, lon: value.lon }) : text('noPin', 'No pin placed')}</p>
      <div aria-live="polite" role="status">
        {value && !inside ? <p className="field__error">{text('outside', 'This position is outside the chosen district. Check the district, or place the pin again on the map.')}</p> : null}
        {message ? <p className="muted">{message}</p> : null}
      </div>
      {value ? (
        <button
          type="button"
          className="button button--link"
          onClick={() => {
            onChange(null);
            setMessage(text('removed', 'Pin removed'));
          }}
        >
          {text('remove', 'Remove pin')}
        </button>
      ) : null}
    </div>
  );
}
