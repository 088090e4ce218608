import { describe, expect, it } from 'vitest';
import { gsm7Length, smsSegments } from '../../../src/domain/smsSegments';

describe('smsSegments', () => {
  it('counts GSM-7 texts at 160 in one SMS and 153 per part beyond', () => {
    expect(smsSegments('')).toBe(0);
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('a'.repeat(306))).toBe(2);
    expect(smsSegments('a'.repeat(307))).toBe(3);
    expect(smsSegments('a'.repeat(459))).toBe(3);
    expect(smsSegments('a'.repeat(460))).toBe(4);
  });

  it('counts extension characters twice and anything else as UCS-2', () => {
    expect(gsm7Length('a{b')).toBe(4);
    expect(smsSegments('{'.repeat(80))).toBe(1);
    expect(smsSegments('{'.repeat(81))).toBe(2);
    expect(gsm7Length('Минск')).toBeUndefined();
    expect(smsSegments('я'.repeat(70))).toBe(1);
    expect(smsSegments('я'.repeat(71))).toBe(2);
    expect(smsSegments('я'.repeat(134))).toBe(2);
    expect(smsSegments('я'.repeat(135))).toBe(3);
  });
});
