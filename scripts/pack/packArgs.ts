/**
 * The command line of `npm run pack`: area, zooms, source, output and the
 * tile ceiling. Pure, so it is tested without fetching anything; every
 * mistake is one line that says what to fix.
 */
import { resolve } from 'node:path';

/** Above this many tiles a pack needs `--max-tiles`: about 200 MB at 20 KB a tile, and hours of a tile server's time. */
export const DEFAULT_MAX_TILES = 10_000;

export interface PackArgs {
  readonly bounds: { readonly west: number; readonly south: number; readonly east: number; readonly north: number };
  readonly minZoom: number;
  readonly maxZoom: number;
  /** Tile URL template with {z}, {x}, {y} (and optionally {s}, {r}). */
  readonly from: string;
  /** The .pmtiles file to write, resolved. */
  readonly out: string;
  readonly name?: string;
  readonly attribution: string;
  readonly maxTiles: number;
}

export const PACK_USAGE = `Usage: npm run pack -- --bbox W,S,E,N --zoom MIN-MAX --from URL --out FILE.pmtiles [options]

Builds a raster map pack (PMTiles) of an area from a tile server that permits bulk
downloads, for \`npm start -- --tiles-pack FILE\` or importing on phones.
OpenStreetMap's public tile servers are refused: their usage policy forbids it.

  --bbox W,S,E,N     area in degrees: west, south, east, north
  --zoom MIN-MAX     zoom levels, e.g. 10-16 (or one level: 14); 0-22
  --from URL         tile URL template, e.g. https://tiles.example.org/{z}/{x}/{y}.png
  --out FILE         the pack to write; tiles fetched so far wait in FILE.partial/,
                     and running the same command again resumes
  --name N           the pack's name (default: the file name)
  --attribution A    the tiles' attribution, shown with the map (say what the
                     tile server's terms require)
  --max-tiles N      allow more than ${DEFAULT_MAX_TILES} tiles
  --help             show this help
`;

export type PackArgsResult =
  | { readonly kind: 'run'; readonly args: PackArgs }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

const FLAGS = new Set(['--bbox', '--zoom', '--from', '--out', '--name', '--attribution', '--max-tiles']);

function parseBounds(text: string): PackArgs['bounds'] | string {
  const parts = text.split(',').map((s) => s.trim());
  const nums = parts.map(Number);
  if (parts.length !== 4 || parts.some((p) => p === '') || !nums.every(Number.isFinite))
    return `--bbox must be four numbers W,S,E,N: ${text}`;
  const [west, south, east, north] = nums as [number, number, number, number];
  if (west < -180 || east > 180 || west >= east) return `--bbox needs -180 ≤ west < east ≤ 180: ${text}`;
  if (south < -85.0511 || north > 85.0511 || south >= north)
    return `--bbox needs -85.0511 ≤ south < north ≤ 85.0511: ${text}`;
  return { west, south, east, north };
}

function parseZoom(text: string): [number, number] | string {
  const m = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(text.trim());
  const min = Number(m?.[1]);
  const max = m?.[2] === undefined ? min : Number(m[2]);
  if (!m || min > max || max > 22) return `--zoom must be MIN-MAX within 0-22: ${text}`;
  return [min, max];
}

function checkTemplate(url: string): string | undefined {
  for (const p of ['{z}', '{x}', '{y}']) if (!url.includes(p)) return `--from must contain ${p}: ${url}`;
  try {
    const u = new URL(url.replace(/\{[a-z]+\}/gi, '0'));
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return `--from must be an http(s) URL: ${url}`;
  } catch {
    return `--from is not a URL: ${url}`;
  }
  return undefined;
}

export function parsePackArgs(argv: readonly string[]): PackArgsResult {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!FLAGS.has(name)) return { kind: 'error', message: `Unknown option: ${arg}` };
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) return { kind: 'error', message: `${name} needs a value` };
    values.set(name, value);
  }
  for (const required of ['--bbox', '--zoom', '--from', '--out'])
    if (!values.has(required)) return { kind: 'error', message: `${required} is required` };
  const bounds = parseBounds(values.get('--bbox') as string);
  if (typeof bounds === 'string') return { kind: 'error', message: bounds };
  const zoom = parseZoom(values.get('--zoom') as string);
  if (typeof zoom === 'string') return { kind: 'error', message: zoom };
  const from = (values.get('--from') as string).trim();
  const bad = checkTemplate(from);
  if (bad) return { kind: 'error', message: bad };
  const maxText = values.get('--max-tiles');
  if (maxText !== undefined && !/^[1-9]\d{0,8}$/.test(maxText))
    return { kind: 'error', message: `--max-tiles must be a positive whole number: ${maxText}` };
  const name = values.get('--name');
  return {
    kind: 'run',
    args: {
      bounds,
      minZoom: zoom[0],
      maxZoom: zoom[1],
      from,
      out: resolve(values.get('--out') as string),
      ...(name !== undefined ? { name } : {}),
      attribution: values.get('--attribution') ?? '',
      maxTiles: maxText === undefined ? DEFAULT_MAX_TILES : Number(maxText),
    },
  };
}
