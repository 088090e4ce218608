/**
 * A link's first frames are never lost: the other phone sends its hello the
 * moment its side of the channel opens, and in Chromium that frame can reach
 * the page before the promise that hands the channel out settles (a CI run
 * cut a fresh link as "circles before hello"). A scripted peer connection
 * opens the channel and delivers frames at exactly those moments: inside the
 * offerer's setRemoteDescription, and in the same turn as the answerer's
 * `open` event. Each frame reaches the listener once, in order; a flood
 * before the hand-over still closes the link.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LINK } from '../../../src/domain/limits';
import { answerLink, offerLink, type LinkChannel } from '../../../src/platform/phoneLink';
import { compactDescription, decodeLinkCode, encodeLinkCode, type LinkRole } from '../../../src/protocol/linkCode';
import { CHROMIUM_SDP } from '../../fixtures/chromiumSdp';

const NOW = Date.UTC(2026, 4, 1, 12, 0, 0);
const now = () => NOW;

/** A data channel the test opens and speaks into; `onmessage` is called the way a browser calls it. */
class ScriptedChannel extends EventTarget {
  readyState: 'connecting' | 'open' | 'closed' = 'connecting';
  binaryType = 'blob';
  bufferedAmount = 0;
  onmessage: ((e: MessageEvent<unknown>) => void) | null = null;
  open(): void {
    this.readyState = 'open';
    this.dispatchEvent(new Event('open'));
  }
  deliver(data: unknown): void {
    const e = new MessageEvent('message', { data });
    this.onmessage?.(e);
    this.dispatchEvent(e);
  }
  send(): void {}
  close(): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    this.dispatchEvent(new Event('close'));
  }
}

/** A peer connection whose local descriptions are real Chromium captures; `onRemote` runs inside setRemoteDescription. */
class ScriptedPeer extends EventTarget {
  static made: ScriptedPeer[] = [];
  static onRemote: (pc: ScriptedPeer, type: string) => void = () => {};
  readonly dc = new ScriptedChannel();
  iceGatheringState = 'complete';
  connectionState = 'new';
  signalingState = 'stable';
  localDescription: { type: LinkRole; sdp: string } | null = null;
  private role: LinkRole = 'offer';
  constructor() {
    super();
    ScriptedPeer.made.push(this);
  }
  createDataChannel(): ScriptedChannel {
    return this.dc;
  }
  async setRemoteDescription(d: { type: string }): Promise<void> {
    if (d.type === 'offer') this.role = 'answer';
    ScriptedPeer.onRemote(this, d.type);
  }
  async setLocalDescription(): Promise<void> {
    this.localDescription = { type: this.role, sdp: CHROMIUM_SDP.mdns![this.role] };
  }
  close(): void {
    this.connectionState = 'closed';
    this.signalingState = 'closed';
  }
}

/** A code of `role` for `session`, as the other phone would show it. */
function codeOf(role: LinkRole, session: string): string {
  const desc = compactDescription(CHROMIUM_SDP.mdns![role], role, { session, expiresAt: NOW + LINK.codeTtlMs });
  if (!desc.ok) throw new Error(desc.error.detail);
  return encodeLinkCode(desc.value);
}

/** What a listener attached now hears (frames, and whether the link closed). */
function listenTo(channel: LinkChannel): { frames: unknown[]; closed: () => boolean } {
  const frames: unknown[] = [];
  let closed = false;
  channel.listen(
    (data) => frames.push(data),
    () => (closed = true),
  );
  return { frames, closed: () => closed };
}

beforeEach(() => {
  ScriptedPeer.made = [];
  ScriptedPeer.onRemote = () => {};
  vi.stubGlobal('RTCPeerConnection', ScriptedPeer);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a link’s first frames', () => {
  it('reach the offerer when the answerer’s hello arrives before setRemoteDescription settles', async () => {
    const offer = await offerLink({ now });
    const session = (decodeLinkCode(offer.code, NOW) as { ok: true; value: { session: string } }).value.session;
    ScriptedPeer.onRemote = (pc) => {
      pc.dc.open();
      pc.dc.deliver('hello');
      pc.dc.deliver('circles');
    };
    const channel = await offer.accept(codeOf('answer', session));
    ScriptedPeer.made[0]!.dc.deliver('have');
    const heard = listenTo(channel);
    ScriptedPeer.made[0]!.dc.deliver('want');
    expect(heard.frames).toEqual(['hello', 'circles', 'have', 'want']);
    expect(heard.closed()).toBe(false);
  });

  it('reach the answerer when a frame follows its open event in the same turn', async () => {
    const answer = await answerLink(codeOf('offer', '0123456789abcdef'), { now });
    const dc = ScriptedPeer.made[0]!.dc;
    dc.open();
    dc.deliver('hello');
    const heard = listenTo(await answer.channel);
    dc.deliver('circles');
    expect(heard.frames).toEqual(['hello', 'circles']);
    expect(heard.closed()).toBe(false);
  });

  it('still close the link when more than the early allowance came before it was handed out', async () => {
    const answer = await answerLink(codeOf('offer', '0123456789abcdef'), { now });
    const dc = ScriptedPeer.made[0]!.dc;
    dc.open();
    for (let i = 0; i < 300; i++) dc.deliver(`frame ${i}`);
    const heard = listenTo(await answer.channel);
    expect(heard.closed()).toBe(true);
    expect(heard.frames).toEqual([]);
    expect(dc.readyState).toBe('closed');
  });
});
