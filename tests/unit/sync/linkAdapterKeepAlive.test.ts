/**
 * Battery and memory: a quiet link sends one `ping` per 30 s each way and
 * nothing else, a silent one is dropped after 90 s, and a link that ended
 * leaves nothing behind (a new link from the same peer starts from scratch;
 * no timer is left running).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openCircle } from '../../../src/protocol/circle';
import { LINK_WIRE } from '../../../src/protocol/linkWire';
import { createLinkAdapter, type LinkAdapter } from '../../../src/sync/linkAdapter';
import { linkChannelPair } from '../../fixtures/linkChannelPair';
import { manualLinkTimers } from '../../fixtures/manualLinkTimers';
import { rawLinkPeer } from '../../fixtures/rawLinkPeer';
import { makeFixture, sealPoint, waitFor } from '../../fixtures/records';

const adapters: LinkAdapter[] = [];
afterEach(async () => {
  await Promise.all(adapters.splice(0).map((a) => a.close()));
});
const types = (frames: string[]) => frames.map((t) => (JSON.parse(t) as { t: string }).t);

describe('link adapter: keep-alive and silence', () => {
  it('sends exactly one ping per 30 s each way on a quiet link, and nothing else', async () => {
    const timers = manualLinkTimers();
    const [a, b] = [createLinkAdapter({ timers }), createLinkAdapter({ timers })];
    adapters.push(a, b);
    const [x, y] = linkChannelPair();
    a.attach(x);
    b.attach(y);
    // The handshake: hello and circles each way.
    for (let i = 0; i < 20 && !(types(x.sent).includes('circles') && types(y.sent).includes('circles')); i++)
      await timers.flush();
    expect(types(x.sent)).toEqual(['hello', 'circles']);
    expect(types(y.sent)).toEqual(['hello', 'circles']);
    const [sentX, sentY] = [x.sent.length, y.sent.length];
    for (let i = 0; i < 10; i++) {
      timers.advance(LINK_WIRE.keepAliveMs - 1);
      await timers.flush(2);
      expect(x.sent.length - sentX, `pings after ${i * 30 + 29.999} s`).toBe(i);
      timers.advance(1);
      await timers.flush(2);
    }
    expect(types(x.sent.slice(sentX))).toEqual(Array(10).fill('ping'));
    expect(types(y.sent.slice(sentY))).toEqual(Array(10).fill('ping'));
    expect(a.status().connected).toBe(1);
    // One keep-alive timer per link end, nothing else waiting.
    expect(timers.pending()).toBe(2);
  });

  it('drops a link that hears nothing for 90 s, and then runs no timer', async () => {
    const timers = manualLinkTimers();
    const a = createLinkAdapter({ timers });
    adapters.push(a);
    const raw = rawLinkPeer(a);
    await timers.flush();
    await raw.handshake([await openCircle()]);
    await timers.flush();
    expect(a.status().connected).toBe(1);
    timers.advance(LINK_WIRE.silenceMs - 1);
    await timers.flush(2);
    expect(raw.closed()).toBe(false);
    expect(types(raw.end.sent)).toEqual(['hello', 'circles']);
    expect(raw.heard.filter((m) => m.t === 'ping')).toHaveLength(2);
    timers.advance(1);
    await timers.flush(2);
    expect(raw.closed()).toBe(true);
    expect(a.status().connected).toBe(0);
    expect(timers.pending()).toBe(0);
  });
});

describe('link adapter: nothing kept about a peer after its link ends', () => {
  it('offers a returning peer everything again, with new tokens, as a stranger', async () => {
    const f = await makeFixture();
    const a = createLinkAdapter();
    adapters.push(a);
    const s = await sealPoint(f, 'kept by A');
    await a.publish(f.circle, s);
    const first = rawLinkPeer(a);
    await first.handshake([f.circle]);
    await waitFor(() => first.heard.some((m) => m.t === 'rec' || m.t === 'have'), 'A offers its record');
    first.send({ t: 'ack', ids: [s.id as never] });
    await waitFor(() => a.sendState(s.id)?.state === 'sent', 'acknowledged');
    first.end.close();
    await waitFor(() => a.status().connected === 0, 'link gone');

    const again = rawLinkPeer(a);
    await again.handshake([f.circle]);
    await waitFor(() => again.heard.some((m) => m.t === 'have'), 'A offers its record again');
    const have = again.heard.find((m) => m.t === 'have');
    expect(have?.t === 'have' && have.ids).toEqual([s.id]);
    const tokens = (p: typeof first) => p.heard.flatMap((m) => (m.t === 'circles' ? m.k : []));
    expect(tokens(again).filter((t) => tokens(first).includes(t))).toEqual([]);
    expect(a.status().connected).toBe(1);
  });
});
