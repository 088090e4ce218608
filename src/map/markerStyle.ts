/**
 * How a point looks on the map, by state. Pure (no Leaflet) so it is unit
 * tested. Each state differs in glyph, outline and fill, not colour alone,
 * so it reads for colour-blind people and in sunlight on a cheap screen.
 */
import type { AlertKind, PointState, Trust } from '../domain';

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
  /** The point's headline alert, drawn as a badge on the marker's upper right. */
  readonly badge?: AlertBadge;
}

/** Badge outline by alert kind: warning triangle, diamond, circle. */
export type BadgeShape = 'triangle' | 'diamond' | 'circle';
/** Badge pattern by trust: solid filled, a double outline, a dashed hollow outline. */
export type BadgePattern = 'solid' | 'double' | 'dashed';

export interface AlertBadge {
  readonly shape: BadgeShape;
  readonly pattern: BadgePattern;
  /** The symbol inside: '!' for disperse and caution, '✓' for all clear. */
  readonly mark: '!' | '✓';
}

const BADGE_SHAPE: Readonly<Record<AlertKind, BadgeShape>> = {
  disperse: 'triangle',
  caution: 'diamond',
  clear: 'circle',
};
const BADGE_PATTERN: Readonly<Record<Trust, BadgePattern>> = {
  confirmed: 'solid',
  corroborated: 'double',
  unconfirmed: 'dashed',
};

/** The badge for a headline alert: shape tells the kind, pattern tells the trust (not colour alone). */
export function alertBadge(kind: AlertKind, trust: Trust): AlertBadge {
  return { shape: BADGE_SHAPE[kind], pattern: BADGE_PATTERN[trust], mark: kind === 'clear' ? '✓' : '!' };
}

const BASE: Record<PointState, Omit<MarkerStyle, 'halo'>> = {
  // Not started: hollow with a dashed ring and clock hands ("soon").
  upcoming: {
    radius: 13,
    color: '#0b57d0',
    fillColor: '#ffffff',
    fillOpacity: 1,
    weight: 3,
    dashArray: '5 3',
    glyph: 'clock',
    glyphColor: '#0b57d0',
  },
  // Happening now: the largest, solid, with a white centre ("here, now").
  active: {
    radius: 15,
    color: '#ffffff',
    fillColor: '#c5221f',
    fillOpacity: 1,
    weight: 3,
    dashArray: undefined,
    glyph: 'dot',
    glyphColor: '#ffffff',
  },
  // Over by its own clock: small, grey, a "stop" square.
  ended: {
    radius: 10,
    color: '#ffffff',
    fillColor: '#5f6368',
    fillOpacity: 0.9,
    weight: 2,
    dashArray: undefined,
    glyph: 'square',
    glyphColor: '#ffffff',
  },
  // The organizer said scatter: a cross.
  dispersed: {
    radius: 13,
    color: '#ffffff',
    fillColor: '#6a1b9a',
    fillOpacity: 1,
    weight: 3,
    dashArray: undefined,
    glyph: 'cross',
    glyphColor: '#ffffff',
  },
  // Called off: a "no entry" bar, dashed outline.
  cancelled: {
    radius: 10,
    color: '#202124',
    fillColor: '#3c4043',
    fillOpacity: 0.9,
    weight: 2,
    dashArray: '3 3',
    glyph: 'bar',
    glyphColor: '#ffffff',
  },
};

/** The style for a point in `state`; `highlighted` marks a reappear target; `alert` its headline alert. */
export function markerStyle(
  state: PointState,
  highlighted: boolean,
  alert?: { kind: AlertKind; trust: Trust },
): MarkerStyle {
  const base = BASE[state];
  const look = highlighted ? { ...base, radius: base.radius + 3, halo: true } : { ...base, halo: false };
  return alert ? { ...look, badge: alertBadge(alert.kind, alert.trust) } : look;
}

/** Halo colour: black and yellow read on light and dark tiles alike. */
export const HALO_COLORS = ['#000000', '#fbbc04'] as const;
