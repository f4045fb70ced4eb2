import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

/**
 * The Teams app icons, drawn from geometry: a shield holding a score gauge (most of the arc filled)
 * with a check mark. Each shape is a signed distance function in pixels; a pixel's coverage is how far
 * its centre lies inside the edge, which anti-aliases every edge without supersampling.
 *
 * `npx tsx deployment/teams/icons.ts` rewrites color.png (192×192) and outline.png (32×32, white on
 * transparent) beside this file; test/deployment/teams-package.test.ts checks they match this code.
 */

export interface Raster {
  readonly width: number;
  readonly height: number;
  /** RGBA, row by row. */
  readonly data: Buffer;
}

type Point = readonly [number, number];

/** Signed distance in pixels from a pixel centre to a shape's edge: negative inside. */
type Shape = (x: number, y: number) => number;
type Rgb = readonly [number, number, number];

// Taken once: in a sandboxed context (jest's) every global lookup in the pixel loops costs ~50× more.
const { abs, atan2, cos, hypot, max, min, PI, round, sin } = Math;
const FAR = Infinity;

/** The app's accent colour (manifest accentColor) and the icon's palette. */
export const ACCENT = '#2557A7';
const WHITE: Rgb = [255, 255, 255];
const ACCENT_RGB = hexToRgb(ACCENT);
const GAUGE_TRACK: Rgb = [0xd3, 0xdd, 0xec];
const GAUGE_VALUE: Rgb = [0x1f, 0x9d, 0x55];

function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function cubic(p0: Point, p1: Point, p2: Point, p3: Point, steps: number): Point[] {
  const points: Point[] = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const d = t * t * t;
    points.push([
      a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
      a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
    ]);
  }
  return points;
}

/**
 * The shield's outline in a 24-unit box (top point at y 2, tip at y 22, sides at x 3 and 21): a
 * concave top edge rising to the centre, straight sides, and curves meeting at the tip.
 */
function shieldOutline(): Point[] {
  const half: Point[] = [
    [12, 2],
    ...cubic([12, 2], [9.6, 3.9], [6.6, 5], [3, 5], 24),
    [3, 11],
    ...cubic([3, 11], [3, 16.4], [6.4, 19.9], [12, 22.2], 32),
  ];
  // The right half mirrors the left, walked back up from the tip.
  const mirrored = half
    .slice(1, -1)
    .reverse()
    .map(([x, y]): Point => [24 - x, y]);
  return [...half, ...mirrored];
}

function segmentDistance(px: number, py: number, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = max(0, min(1, ((px - a[0]) * dx + (py - a[1]) * dy) / (dx * dx + dy * dy)));
  return hypot(px - a[0] - t * dx, py - a[1] - t * dy);
}

function polygon(points: readonly Point[]): Shape {
  return (x, y) => {
    let distance = FAR;
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const a = points[i]!;
      const b = points[j]!;
      distance = min(distance, segmentDistance(x, y, a, b));
      if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
    }
    return inside ? -distance : distance;
  };
}

/** A line of `width` through `points` with round joins and caps. */
function stroke(points: readonly Point[], width: number): Shape {
  return (x, y) => {
    let distance = FAR;
    for (let i = 1; i < points.length; i++)
      distance = min(distance, segmentDistance(x, y, points[i - 1]!, points[i]!));
    return distance - width / 2;
  };
}

/** The band of `width` along a shape's edge. */
function outline(shape: Shape, width: number): Shape {
  return (x, y) => abs(shape(x, y)) - width / 2;
}

/**
 * An arc of radius `radius` around `centre` with round caps, from `fromDeg` clockwise over the top to
 * `toDeg` (degrees as on a clock face turned: 180 = left, 90 = up, 0 = right).
 */
function arc(centre: Point, radius: number, width: number, fromDeg: number, toDeg: number): Shape {
  const rad = (d: number) => (d * PI) / 180;
  const end = (d: number): Point => [centre[0] + radius * cos(rad(d)), centre[1] - radius * sin(rad(d))];
  const [start, finish] = [end(fromDeg), end(toDeg)];
  return (x, y) => {
    const angle = (atan2(centre[1] - y, x - centre[0]) * 180) / PI;
    if (angle <= fromDeg && angle >= toDeg)
      return abs(hypot(x - centre[0], y - centre[1]) - radius) - width / 2;
    return min(hypot(x - start[0], y - start[1]), hypot(x - finish[0], y - finish[1])) - width / 2;
  };
}

function coverage(shape: Shape, x: number, y: number): number {
  return max(0, min(1, 0.5 - shape(x + 0.5, y + 0.5)));
}

interface Layer {
  readonly shape: Shape;
  readonly colour: Rgb;
}

/** Paints the layers in order over `background` (undefined: transparent), blending by coverage. */
function render(size: number, background: Rgb | undefined, layers: readonly Layer[]): Raster {
  const data = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let [r, g, b] = background ?? WHITE;
      let alpha = background ? 1 : 0;
      for (const { shape, colour } of layers) {
        const c = coverage(shape, x, y);
        if (c === 0) continue;
        const outAlpha = c + alpha * (1 - c);
        const mix = (top: number, under: number) => (top * c + under * alpha * (1 - c)) / outAlpha;
        [r, g, b] = [mix(colour[0], r), mix(colour[1], g), mix(colour[2], b)];
        alpha = outAlpha;
      }
      const at = (y * size + x) * 4;
      data[at] = round(r);
      data[at + 1] = round(g);
      data[at + 2] = round(b);
      data[at + 3] = round(alpha * 255);
    }
  }
  return { width: size, height: size, data };
}

/** Maps the 24-unit drawing box onto `size` pixels with `scale` pixels per unit, centred. */
function place(points: readonly Point[], size: number, scale: number): Point[] {
  return points.map(([x, y]): Point => [size / 2 + (x - 12) * scale, size / 2 + (y - 12) * scale]);
}

/** 192×192, full colour: a white shield on the accent colour, a gauge about three quarters full, a check. */
export function colorIcon(): Raster {
  const size = 192;
  const scale = 6;
  const shield = polygon(place(shieldOutline(), size, scale));
  const [centre] = place([[12, 13.2]], size, scale) as [Point];
  const radius = 5.3 * scale;
  const width = 1.9 * scale;
  const check = place(
    [
      [9.8, 13.3],
      [11.3, 14.8],
      [14.4, 11.5],
    ],
    size,
    scale,
  );
  return render(size, ACCENT_RGB, [
    { shape: shield, colour: WHITE },
    { shape: arc(centre, radius, width, 180, 0), colour: GAUGE_TRACK },
    { shape: arc(centre, radius, width, 180, 45), colour: GAUGE_VALUE },
    { shape: stroke(check, 1.5 * scale), colour: ACCENT_RGB },
  ]);
}

/** 32×32, white on transparent: the shield's outline and the check. */
export function outlineIcon(): Raster {
  const size = 32;
  // 4/3 puts the sides' 2-pixel strokes exactly on pixel columns 3–4 and 27–28: crisp, not smeared.
  const scale = 4 / 3;
  const shield = polygon(place(shieldOutline(), size, scale));
  const check = place(
    [
      [8.2, 12.4],
      [10.9, 15.1],
      [15.9, 9.6],
    ],
    size,
    scale,
  );
  return render(size, undefined, [
    { shape: outline(shield, 2), colour: WHITE },
    { shape: stroke(check, 2.2), colour: WHITE },
  ]);
}

export function encodePng(raster: Raster): Buffer {
  const png = new PNG({ width: raster.width, height: raster.height });
  raster.data.copy(png.data);
  return PNG.sync.write(png);
}

if (require.main === module) {
  for (const [file, raster] of [
    ['color.png', colorIcon()],
    ['outline.png', outlineIcon()],
  ] as const) {
    const target = path.join(__dirname, file);
    writeFileSync(target, encodePng(raster));
    process.stdout.write(`${target} (${raster.width}×${raster.height})\n`);
  }
}
