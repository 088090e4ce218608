import { describe, expect, it } from 'vitest';
import type { PointState } from '../../../src/domain';
import { attributionHtml, escapeHtml } from '../../../src/map/attributionHtml';
import { markerStyle } from '../../../src/map/markerStyle';

const STATES: PointState[] = ['upcoming', 'active', 'ended', 'dispersed', 'cancelled'];

describe('markerStyle', () => {
  it('tells every state apart without colour: glyph, outline and fill differ', () => {
    const shapes = STATES.map((s) => {
      const m = markerStyle(s, false);
      return `${m.glyph}|${m.dashArray ?? 'solid'}|${m.fillColor === '#ffffff' ? 'hollow' : 'filled'}`;
    });
    expect(new Set(shapes).size).toBe(STATES.length);
    expect(new Set(STATES.map((s) => markerStyle(s, false).glyph)).size).toBe(STATES.length);
  });

  it('makes active points the largest and ended ones small', () => {
    const r = (s: PointState) => markerStyle(s, false).radius;
    expect(Math.max(...STATES.map(r))).toBe(r('active'));
    expect(r('ended')).toBeLessThan(r('upcoming'));
  });

  it('rings a reappear target with a halo and makes it bigger', () => {
    for (const s of STATES) {
      expect(markerStyle(s, false).halo).toBe(false);
      expect(markerStyle(s, true)).toMatchObject({ halo: true, radius: markerStyle(s, false).radius + 3, glyph: markerStyle(s, false).glyph });
    }
  });
});

describe('attributionHtml', () => {
  it('escapes configured attribution text so Leaflet cannot run it as HTML', () => {
    expect(attributionHtml('<img src=x onerror=alert(1)> & co')).toBe('&#60;img src=x onerror=alert(1)&#62; &#38; co');
    expect(escapeHtml(`"'`)).toBe('&#34;&#39;');
  });

  it('links the built-in OpenStreetMap credit', () => {
    expect(attributionHtml('© OpenStreetMap contributors')).toContain('href="https://www.openstreetmap.org/copyright"');
  });
});
