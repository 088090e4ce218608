/**
 * How a point looks on the map, by state. Pure (no Leaflet) so it is unit
 * tested. Each state differs in glyph, outline and fill, not colour alone,
 * so it reads for colour-blind people and in sunlight on a cheap screen.
 */
import type { PointState } from '../domain';

/** The white symbol drawn inside the marker. */
export type Glyph = 'clock' | 'dot' | 'square' | 'cross' | 'bar';

export interface MarkerStyle {
  readonly radius: number;
  /** Outline colour. */
  readonly color: string;
  readonly fillColor: string;
  readonly fillOpacity: number;
  readonly weight: number;
  /** Dashed outline (Leaflet dashArray) or solid. */
  readonly dashArray: string | undefined;
  readonly glyph: Glyph;
  readonly glyphColor: string;
  /** An extra outer ring: the place a dispersed crowd should reappear. */
  readonly halo: boolean;
}

const BASE: Record<PointState, Omit<MarkerStyle, 'halo'>> = {
  // Not started: hollow with a dashed ring and clock hands ("soon").
  upcoming: { radius: 13, color: '#0b57d0', fillColor: '#ffffff', fillOpacity: 1, weight: 3, dashArray: '5 3', glyph: 'clock', glyphColor: '#0b57d0' },
  // Happening now: the largest, solid, with a white centre ("here, now").
  active: { radius: 15, color: '#ffffff', fillColor: '#c5221f', fillOpacity: 1, weight: 3, dashArray: undefined, glyph: 'dot', glyphColor: '#ffffff' },
  // Over by its own clock: small, grey, a "stop" square.
  ended: { radius: 10, color: '#ffffff', fillColor: '#5f6368', fillOpacity: 0.9, weight: 2, dashArray: undefined, glyph: 'square', glyphColor: '#ffffff' },
  // The organizer said scatter: a cross.
  dispersed: { radius: 13, color: '#ffffff', fillColor: '#6a1b9a', fillOpacity: 1, weight: 3, dashArray: undefined, glyph: 'cross', glyphColor: '#ffffff' },
  // Called off: a "no entry" bar, dashed outline.
  cancelled: { radius: 10, color: '#202124', fillColor: '#3c4043', fillOpacity: 0.9, weight: 2, dashArray: '3 3', glyph: 'bar', glyphColor: '#ffffff' },
};

/** The style for a point in `state`; `highlighted` marks a reappear target. */
export function markerStyle(state: PointState, highlighted: boolean): MarkerStyle {
  const base = BASE[state];
  return highlighted ? { ...base, radius: base.radius + 3, halo: true } : { ...base, halo: false };
}

/** Halo colour: black and yellow read on light and dark tiles alike. */
export const HALO_COLORS = ['#000000', '#fbbc04'] as const;
