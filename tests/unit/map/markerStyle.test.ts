import { describe, expect, it } from 'vitest';
import type { AlertKind, PointState, Trust } from '../../../src/domain';
import { attributionHtml, escapeHtml } from '../../../src/map/attributionHtml';
import { alertBadge, markerStyle } from '../../../src/map/markerStyle';

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
      expect(markerStyle(s, true)).toMatchObject({
        halo: true,
        radius: markerStyle(s, false).radius + 3,
        glyph: markerStyle(s, false).glyph,
      });
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

describe('alert badges', () => {
  const KINDS: AlertKind[] = ['disperse', 'caution', 'clear'];
  const TRUSTS: Trust[] = ['confirmed', 'corroborated', 'unconfirmed'];

  it('differ by kind in shape and by trust in pattern, for every combination', () => {
    const looks = KINDS.flatMap((k) => TRUSTS.map((tr) => alertBadge(k, tr)));
    expect(new Set(looks.map((b) => `${b.shape}|${b.pattern}`)).size).toBe(9);
    expect(new Set(KINDS.map((k) => alertBadge(k, 'confirmed').shape)).size).toBe(3);
    expect(new Set(TRUSTS.map((tr) => alertBadge('disperse', tr).pattern)).size).toBe(3);
  });

  it('appear only on points with a headline alert, leaving the state look as it was', () => {
    expect(markerStyle('active', false).badge).toBeUndefined();
    const withAlert = markerStyle('active', false, { kind: 'disperse', trust: 'unconfirmed' });
    expect(withAlert.badge).toEqual({ shape: 'triangle', pattern: 'dashed', mark: '!' });
    expect({ ...withAlert, badge: undefined }).toEqual({ ...markerStyle('active', false), badge: undefined });
  });
});
