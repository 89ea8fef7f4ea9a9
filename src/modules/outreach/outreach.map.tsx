import { geoMercator } from 'd3-geo';
import { hexbin } from 'd3-hexbin';

/**
 * The outreach map, drawn on the server as SVG (issue 12 §3): the shops as points over the office's
 * area, projected with a Mercator projection fitted to the shops' bounding box (d3-geo), and a
 * density layer (hexagonal bins, d3-hexbin) when there are too many points to read one by one. No
 * tiles, no script, no outside request: the picture is in the page. No 시·군 boundaries: no public
 * boundary data for Korean 시·군 is packaged on the npm registry (docs/architecture.md, outreach).
 *
 * Accessible: role="img" with a title and a description that says the figures, and the page puts
 * the table of the same figures under it. It scales with its container (viewBox); the key is HTML
 * text under the picture, not SVG text, because at 375 px the 800-unit picture is drawn at about
 * 0.4× and 13-unit text shrinks to ~5 px (app.css enlarges the labels left in the SVG on phones).
 */
export interface MapPoint {
  lon: number;
  lat: number;
  status: 'eligible' | 'unknown';
  dong: string | null;
}

export const MAP_WIDTH = 800;
export const MAP_HEIGHT = 560;
/** Above this many points the density layer is drawn instead of every point. */
export const DENSITY_THRESHOLD = 400;

/**
 * What the map draws for these points: every shop as a point; or, over DENSITY_THRESHOLD, the
 * density layer with the eligible shops as points over it while they are few enough; or the layer
 * alone. The page's description of the map says which (it is the map's text alternative).
 */
export function mapLayers(points: readonly { status: string }[]): 'points' | 'density+eligible' | 'density' {
  if (points.length <= DENSITY_THRESHOLD) return 'points';
  let eligible = 0;
  for (const p of points) if (p.status === 'eligible') eligible++;
  return eligible <= DENSITY_THRESHOLD ? 'density+eligible' : 'density';
}
const PAD = 24;
/** Font size of the 행정동 labels on a phone (app.css, .itda-map-labels): their collision box. */
const LABEL_PHONE_SIZE = 24;
const COLOURS = { eligible: '#0b6e4f', unknown: '#b05c00' } as const;
/** Sequential shades for the density layer (KRDS primary blues, light → dark). */
const SHADES = ['#d8e7fd', '#a9cbfb', '#6fa6f5', '#2f77e0', '#0b50b0'];

/** A bounding box of at least ~1 km each way (one shop, or shops on one street, still fit). */
function boundsOf(points: readonly MapPoint[]): [[number, number], [number, number]] {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const p of points) {
    if (p.lon < minLon) minLon = p.lon;
    if (p.lon > maxLon) maxLon = p.lon;
    if (p.lat < minLat) minLat = p.lat;
    if (p.lat > maxLat) maxLat = p.lat;
  }
  const min = 0.01;
  if (maxLon - minLon < min) [minLon, maxLon] = [(minLon + maxLon) / 2 - min / 2, (minLon + maxLon) / 2 + min / 2];
  if (maxLat - minLat < min) [minLat, maxLat] = [(minLat + maxLat) / 2 - min / 2, (minLat + maxLat) / 2 + min / 2];
  return [
    [minLon, minLat],
    [maxLon, maxLat],
  ];
}

/** A round scale-bar length (m) near a quarter of the map's width. */
function scaleBar(metresPerPixel: number): { metres: number; px: number; label: string } {
  const target = (MAP_WIDTH / 4) * metresPerPixel;
  const steps = [100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000];
  const metres = steps.reduce((best, s) => (Math.abs(s - target) < Math.abs(best - target) ? s : best), steps[0]!);
  return { metres, px: metres / metresPerPixel, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}

/** Keeps, largest group first, the labels whose boxes (at the phone's size, the larger) do not overlap a kept one. */
function unclutter<L extends { name: string; x: number; y: number }>(labels: readonly L[]): L[] {
  const kept: L[] = [];
  const box = (l: L) => {
    const w = [...l.name].length * LABEL_PHONE_SIZE;
    return { x0: l.x - w / 2, x1: l.x + w / 2, y0: l.y - 8 - LABEL_PHONE_SIZE, y1: l.y - 8 };
  };
  for (const l of labels) {
    const b = box(l);
    const clear = kept.every((k) => {
      const o = box(k);
      return b.x1 <= o.x0 || o.x1 <= b.x0 || b.y1 <= o.y0 || o.y1 <= b.y0;
    });
    if (clear) kept.push(l);
  }
  return kept;
}

export function OutreachMap(props: {
  points: readonly MapPoint[];
  title: string;
  desc: string;
  labels: { eligible: string; unknown: string; density: (n: number) => string; densityKey: (max: number) => string };
}) {
  const { points } = props;
  if (points.length === 0) return null;
  const [[x0, y0], [x1, y1]] = boundsOf(points);
  const box = {
    type: 'Feature' as const,
    properties: {},
    geometry: { type: 'MultiPoint' as const, coordinates: [[x0, y0], [x1, y1], [x0, y1], [x1, y0]] },
  };
  const projection = geoMercator().fitExtent(
    [
      [PAD, PAD],
      [MAP_WIDTH - PAD, MAP_HEIGHT - PAD - 28],
    ],
    box,
  );
  const xy = points.map((p) => {
    const q = projection([p.lon, p.lat]) ?? [0, 0];
    return { x: q[0], y: q[1], p };
  });
  // Metres per pixel at the centre (Mercator: 1° lat ≈ 111.32 km × cos φ scaled; measure instead).
  const midLat = (y0 + y1) / 2;
  const a = projection([x0, midLat])!;
  const b = projection([x1, midLat])!;
  const metresPerPixel = ((x1 - x0) * 111_320 * Math.cos((midLat * Math.PI) / 180)) / Math.max(1, b[0] - a[0]);
  const bar = scaleBar(metresPerPixel);
  const dense = points.length > DENSITY_THRESHOLD;
  const bins = dense
    ? hexbin<{ x: number; y: number }>()
        .x((d) => d.x)
        .y((d) => d.y)
        .radius(14)
        .extent([
          [0, 0],
          [MAP_WIDTH, MAP_HEIGHT],
        ])(xy)
    : [];
  const maxBin = bins.reduce((m, b2) => Math.max(m, b2.length), 1);
  const hex = hexbin().radius(14).hexagon();
  const shade = (n: number) => SHADES[Math.min(SHADES.length - 1, Math.floor((Math.log(n) / Math.log(maxBin + 1)) * SHADES.length))]!;
  // Eligible shops stay visible as points over the density layer while they are few enough.
  const eligibleXy = xy.filter((d) => d.p.status === 'eligible');
  const layers = mapLayers(props.points);
  const shownPoints = layers === 'points' ? xy : layers === 'density+eligible' ? eligibleXy : [];
  // 행정동 names at the mean of their points, for the 12 largest (orientation, not a boundary).
  const byDong = new Map<string, { x: number; y: number; n: number }>();
  for (const d of xy) {
    if (!d.p.dong) continue;
    const g = byDong.get(d.p.dong) ?? { x: 0, y: 0, n: 0 };
    g.x += d.x;
    g.y += d.y;
    g.n += 1;
    byDong.set(d.p.dong, g);
  }
  const labels = unclutter(
    [...byDong.entries()]
      .sort((p, q) => q[1].n - p[1].n)
      .slice(0, 12)
      .map(([name, g]) => ({ name, x: g.x / g.n, y: g.y / g.n })),
  );
  const legendY = MAP_HEIGHT - 18;
  // The key names only what is drawn: over the density layer the shops to check are in the cells, not squares.
  const drawsEligible = shownPoints.some((d) => d.p.status === 'eligible');
  const drawsUnknown = shownPoints.some((d) => d.p.status === 'unknown');
  return (
    <figure class="itda-map">
      <svg viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="img" aria-labelledby="outreach-map-title outreach-map-desc" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">
        <title id="outreach-map-title">{props.title}</title>
        <desc id="outreach-map-desc">{props.desc}</desc>
        <rect x="0" y="0" width={MAP_WIDTH} height={MAP_HEIGHT} fill="#f4f5f6" />
        {dense && (
          <g class="itda-map-density" aria-hidden="true">
            {bins.map((b2) => (
              <path d={hex} transform={`translate(${b2.x.toFixed(1)},${b2.y.toFixed(1)})`} fill={shade(b2.length)} stroke="#ffffff" stroke-width="0.5">
                <title>{props.labels.density(b2.length)}</title>
              </path>
            ))}
          </g>
        )}
        <g class="itda-map-points" aria-hidden="true">
          {shownPoints.map((d) =>
            d.p.status === 'eligible' ? (
              <circle cx={d.x.toFixed(1)} cy={d.y.toFixed(1)} r="4.5" fill={COLOURS.eligible} stroke="#ffffff" stroke-width="1" />
            ) : (
              <rect x={(d.x - 3).toFixed(1)} y={(d.y - 3).toFixed(1)} width="6" height="6" fill={COLOURS.unknown} stroke="#ffffff" stroke-width="1" />
            ),
          )}
        </g>
        <g class="itda-map-labels" aria-hidden="true" font-size="13" fill="#1e2124" text-anchor="middle">
          {labels.map((l) => (
            <text x={l.x.toFixed(1)} y={(l.y - 8).toFixed(1)} paint-order="stroke" stroke="#ffffff" stroke-width="3">
              {l.name}
            </text>
          ))}
        </g>
        <g class="itda-map-scale" aria-hidden="true" font-size="13" fill="#1e2124">
          <line x1={MAP_WIDTH - 24 - bar.px} x2={MAP_WIDTH - 24} y1={legendY + 4} y2={legendY + 4} stroke="#1e2124" stroke-width="2" />
          <text x={MAP_WIDTH - 24 - bar.px / 2} y={legendY - 4} text-anchor="middle" paint-order="stroke" stroke="#ffffff" stroke-width="3">
            {bar.label}
          </text>
        </g>
      </svg>
      <figcaption class="itda-map-key">
        {/* A class of its own: the main column's rule for bare lists (bullets, indent) does not apply. */}
        <ul class="itda-map-key-list">
          {drawsEligible && (
            <li>
              <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                <circle cx="8" cy="8" r="5" fill={COLOURS.eligible} />
              </svg>
              {props.labels.eligible}
            </li>
          )}
          {drawsUnknown && (
            <li>
              <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                <rect x="4" y="4" width="8" height="8" fill={COLOURS.unknown} />
              </svg>
              {props.labels.unknown}
            </li>
          )}
          {dense && (
            <li>
              <svg viewBox={`0 0 ${SHADES.length * 14} 16`} width={SHADES.length * 14} height="16" aria-hidden="true">
                {SHADES.map((c, i) => (
                  <rect x={i * 14} y="2" width="14" height="12" fill={c} />
                ))}
              </svg>
              {props.labels.densityKey(maxBin)}
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}
