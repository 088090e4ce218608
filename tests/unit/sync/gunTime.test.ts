/** Time asks on a GUN link: what is sent, which answers count, and how the round trip is measured. */
import { describe, expect, it } from 'vitest';
import { makeManualClock } from '../../../src/domain/clock';
import type { TimeSample } from '../../../src/domain/clockOffset';
import { makeTimeAsker } from '../../../src/sync/gunTime';
import type { GunPeer } from '../../../src/sync/gunTypes';

const T = Date.UTC(2025, 5, 1, 12);

function link(url: string, open = true) {
  const sent: Record<string, unknown>[] = [];
  const peer: GunPeer = {
    url,
    wire: {
      readyState: open ? 1 : 0,
      close: () => {},
      send: (t: string) => sent.push(JSON.parse(t)),
    } as GunPeer['wire'],
  };
  return { peer, sent };
}

describe('makeTimeAsker', () => {
  it('asks with a DAM nts message and turns the answer into a sample measured on the local clock', () => {
    const local = makeManualClock(T);
    const samples: TimeSample[] = [];
    const asker = makeTimeAsker(local, (s) => samples.push(s));
    const a = link('http://a/gun');
    asker.ask(a.peer);
    expect(a.sent).toEqual([{ '#': expect.any(String), dam: 'nts', nts: [T] }]);
    local.advance(400);
    // The relay echoes a forged send time: the round trip still comes from this device's own record.
    asker.hear({ '@': a.sent[0]!['#'], dam: 'nts', nts: [T - 60_000, T + 600_200] }, a.peer);
    expect(samples).toEqual([{ relay: 'http://a/gun', sentAt: T, receivedAt: T + 400, relayTime: T + 600_200 }]);
  });

  it('takes an answer only once, only from the link asked, and only with a numeric time', () => {
    const local = makeManualClock(T);
    const samples: TimeSample[] = [];
    const asker = makeTimeAsker(local, (s) => samples.push(s));
    const a = link('http://a/gun');
    const b = link('http://b/gun');
    asker.ask(a.peer);
    const id = a.sent[0]!['#'];
    asker.hear({ '@': id, dam: 'nts', nts: [T, T + 5] }, b.peer); // another relay answering for A
    asker.hear({ '@': id, dam: 'nts', nts: [T, 'soon'] }, a.peer); // not a number: used up, nothing
    asker.hear({ '@': id, dam: 'nts', nts: [T, T + 5] }, a.peer); // too late: already answered
    asker.hear({ '@': 'unknown', dam: 'nts', nts: [T, T + 5] }, a.peer);
    expect(samples).toEqual([]);
    asker.ask(a.peer);
    asker.hear({ '@': a.sent[1]!['#'], dam: 'nts', nts: [T, T + 5] }, a.peer);
    asker.hear({ '@': a.sent[1]!['#'], dam: 'nts', nts: [T, T + 9] }, a.peer);
    expect(samples.map((s) => s.relayTime)).toEqual([T + 5]);
  });

  it('does not ask on a link that is not open', () => {
    const asker = makeTimeAsker(makeManualClock(T), () => {});
    const closed = link('http://a/gun', false);
    asker.ask(closed.peer);
    expect(closed.sent).toEqual([]);
  });
});
