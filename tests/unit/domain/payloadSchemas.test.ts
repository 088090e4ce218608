/**
 * The payload types are their schemas' output, so type and parser agree both ways: a payload the
 * parser refuses does not compile (each `@ts-expect-error` fails `tsc` if the type ever allows it
 * again), and every value the types allow is accepted unchanged.
 */
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parsePayload, parsePayloadValue } from '../../../src/domain/parsePayload';
import { SHAPE } from '../../../src/domain/payloadSchemas';
import {
  ALERT_KINDS,
  type AlertKind,
  type AlertPayload,
  type DisperseReason,
  type FallbackReveal,
  type PayloadOf,
  type RecordKind,
} from '../../../src/domain/records';
import {
  alertArb,
  cancelArb,
  coorganizerArb,
  createdArb,
  disperseArb,
  keyArb,
  pointWithFallbacksArb,
  recordIdArb,
} from '../../fixtures/arbitraries';
import { fakeId } from '../../fixtures/recordBuilders';

const CREATED = Date.UTC(2025, 5, 1, 12);
const P = fakeId('point');
const Q = fakeId('elsewhere');
const REVEAL: FallbackReveal = { i: 0, key: fakeId('aeskey') as string };

const refusal = (value: unknown) => {
  const r = parsePayloadValue('alert', value, CREATED);
  return r.ok ? 'accepted' : `${r.error.code}: ${r.error.detail}`;
};
const ONLY_DISPERSE = 'bad-field: only a disperse alert has a reason, reappear or fallback';

describe('AlertPayload: what the parser refuses does not compile', () => {
  it('a caution or an all clear with a reason (the mismatch of issue 12)', () => {
    // @ts-expect-error -- only a dispersal has a reason
    const caution: AlertPayload = { point: P, alert: 'caution', reason: 'police' };
    // @ts-expect-error -- only a dispersal has a reason
    const clear: AlertPayload = { point: P, alert: 'clear', reason: 'other' };
    expect([refusal(caution), refusal(clear)]).toEqual([ONLY_DISPERSE, ONLY_DISPERSE]);
  });

  it('a caution or an all clear that sends people on', () => {
    // @ts-expect-error -- only a dispersal reappears elsewhere
    const reappear: AlertPayload = { point: P, alert: 'caution', reappear: Q };
    // @ts-expect-error -- only a dispersal reveals a fallback
    const fallback: AlertPayload = { point: P, alert: 'clear', fallback: REVEAL };
    expect([refusal(reappear), refusal(fallback)]).toEqual([ONLY_DISPERSE, ONLY_DISPERSE]);
  });

  it('a dispersal without a reason, or with one that is not a reason', () => {
    // @ts-expect-error -- a dispersal names its reason
    const bare: AlertPayload = { point: P, alert: 'disperse' };
    // @ts-expect-error -- one of police, kettling, violence, other
    const rain: AlertPayload = { point: P, alert: 'disperse', reason: 'rain' };
    const why = 'bad-field: a disperse alert needs a reason: police, kettling, violence or other';
    expect([refusal(bare), refusal(rain)]).toEqual([why, why]);
  });

  it('a dispersal that names both a point to reappear at and a fallback', () => {
    // @ts-expect-error -- one place to go, never two
    const both: AlertPayload = { point: P, alert: 'disperse', reason: 'kettling', reappear: Q, fallback: REVEAL };
    expect(refusal(both)).toBe('bad-field: reappear and fallback exclude each other');
  });

  it('an alert of a kind that does not exist, or with a field no alert has', () => {
    // @ts-expect-error -- disperse, caution or clear
    const panic: AlertPayload = { point: P, alert: 'panic' };
    // @ts-expect-error -- no such field
    const extra: AlertPayload = { point: P, alert: 'caution', note: 'x' };
    expect([refusal(panic), refusal(extra)]).toEqual([
      'bad-field: alert must be disperse, caution or clear',
      `bad-shape: ${SHAPE.alert}`,
    ]);
  });

  it('the type names exactly the kinds and reasons the records module lists', () => {
    expectTypeOf<AlertPayload['alert']>().toEqualTypeOf<AlertKind>();
    expectTypeOf<NonNullable<Extract<AlertPayload, { alert: 'disperse' }>['reason']>>().toEqualTypeOf<DisperseReason>();
    expectTypeOf<Extract<AlertPayload, { alert: 'caution' | 'clear' }>['reason']>().toEqualTypeOf<undefined>();
    expect(ALERT_KINDS).toEqual(['disperse', 'caution', 'clear']);
  });
});

/** One generator per member of the alert union: a member added to the type must be added here to compile. */
const alertMembers: { readonly [K in AlertKind]: fc.Arbitrary<Extract<AlertPayload, { alert: K }>> } = {
  caution: recordIdArb.map((point) => ({ point, alert: 'caution' as const })),
  clear: recordIdArb.map((point) => ({ point, alert: 'clear' as const })),
  disperse: alertArb.filter((a): a is Extract<AlertPayload, { alert: 'disperse' }> => a.alert === 'disperse'),
};

/** One generator per kind: a kind added to the protocol must be added here to compile. */
const payloads: { readonly [K in RecordKind]: (created: number) => fc.Arbitrary<PayloadOf[K]> } = {
  point: pointWithFallbacksArb,
  disperse: () => disperseArb,
  cancel: () => cancelArb,
  alert: () => fc.oneof(...Object.values(alertMembers)),
  coorganizer: () => coorganizerArb,
  organizer: () => keyArb.map((key) => ({ key })),
};

describe('what the types allow, the parser accepts unchanged', () => {
  it.each(Object.keys(payloads) as RecordKind[])('%s', (kind) => {
    fc.assert(
      fc.property(
        createdArb.chain((created) => fc.tuple(fc.constant(created), payloads[kind](created))),
        ([created, value]) => {
          expect(parsePayload(kind, JSON.stringify(value), created)).toEqual({ ok: true, value });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every alert member, dispersals with each way on', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.oneof(...Object.values(alertMembers)), (value) => {
        seen.add(`${value.alert}${value.reappear ? '+reappear' : ''}${value.fallback ? '+fallback' : ''}`);
        expect(parsePayloadValue('alert', value, CREATED)).toEqual({ ok: true, value });
      }),
      { numRuns: 500 },
    );
    expect([...seen].sort()).toEqual(['caution', 'clear', 'disperse', 'disperse+fallback', 'disperse+reappear']);
  });
});
