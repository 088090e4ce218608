/**
 * Linking a nearby phone, as a small state machine the link sheet reads, and
 * the live links it made. Phone A shows its code (offering, with a countdown
 * to expiry), then scans B's answer (scanning → connecting → linked); phone B
 * scans A's code (scanning-offer), shows its answer (answering) and waits
 * until the link opens (linked). Either can end expired or failed. Each
 * channel opened is attached to the page's one LinkAdapter; the count of open
 * links and the last link cut for bad data come from it. Why here: the WebRTC
 * calls and the adapter are injected ports (the real ones from the boot,
 * fakes in tests), so the flow is tested without a browser. Nothing about a
 * peer is kept once its link ends; a pending code is cancelled when the sheet
 * closes, and a panic wipe also closes every link.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { Clock } from '../domain/clock';
import { isPhoneLinkError, PhoneLinkError } from '../domain/phoneLinkError';
import { BUNDLE_TEXT_MARKER, QR_MARKER } from '../protocol/bundleMarkers';
import { isLinkCode } from '../protocol/linkCodeMarker';
import type { PendingAnswer, PendingOffer } from '../platform/phoneLink';
import type { LinkAdapter, LinkCutReason } from '../sync/linkAdapter';
import type { LinkChannel } from '../sync/LinkChannel';

/** The WebRTC side (src/platform/phoneLink.ts in the browser; a fake in tests). */
export interface PhoneLinkPort {
  /** Starts a link as phone A: the code to show, its expiry, and accept(answer). */
  offerLink(): Promise<PendingOffer>;
  /** Answers phone A's code as phone B: the code to show back, and the channel once it opens. */
  answerLink(offerCode: string): Promise<PendingAnswer>;
}

/** No WebRTC here (the store's default): every attempt ends 'unsupported'. */
export const NO_PHONE_LINKS: PhoneLinkPort = {
  offerLink: () => Promise.reject(new PhoneLinkError('unsupported')),
  answerLink: () => Promise.reject(new PhoneLinkError('unsupported')),
};

/** Why a pairing ended without a link. */
export type LinkFailure = 'connect-failed' | 'unsupported' | 'no-address';

/** Why a scanned code was not taken (the scanner keeps going). */
export type LinkScanRefusal = 'bundle' | 'not-link' | 'wrong-code';

/** Where the pairing stands. */
export type LinkFlow =
  | { readonly state: 'idle' }
  /** A: waiting for the offer code to be made. */
  | { readonly state: 'preparing' }
  /** A: showing its code until `expiresAt` (ms, this device's clock). */
  | { readonly state: 'offering'; readonly code: string; readonly expiresAt: number }
  /** A: scanning B's answer; the offer stays valid until `expiresAt`. */
  | { readonly state: 'scanning'; readonly code: string; readonly expiresAt: number }
  /** A: B's answer was read; the link is opening. */
  | { readonly state: 'connecting' }
  /** B: scanning A's code. */
  | { readonly state: 'scanning-offer' }
  /** B: A's code was read; the answer is being made. */
  | { readonly state: 'preparing-answer' }
  /** B: showing its answer; the link opens once A has scanned it. */
  | { readonly state: 'answering'; readonly code: string }
  | { readonly state: 'linked' }
  | { readonly state: 'expired' }
  | { readonly state: 'failed'; readonly reason: LinkFailure };

export interface PhoneLinksSlice {
  readonly flow: Accessor<LinkFlow>;
  /** Milliseconds left on A's code while offering or scanning (ticks every second), else undefined. */
  readonly remainingMs: Accessor<number | undefined>;
  /** Why the last scanned code was not taken, until the next scan or step. */
  readonly refusal: Accessor<LinkScanRefusal | undefined>;
  /** Links open now. */
  readonly count: Accessor<number>;
  /** Why the last link cut for bad data was cut, until dismissed. */
  readonly lastCut: Accessor<LinkCutReason | undefined>;
  dismissCut(): void;
  /** A: make and show this phone's code. */
  start(): void;
  /** A: open the scanner for B's answer. */
  scanAnswer(): void;
  /** A: back from the scanner to the code. */
  showCode(): void;
  /** A: a text the scanner read while waiting for B's answer. */
  answerScanned(text: string): void;
  /** B: open the scanner for A's code. */
  join(): void;
  /** B: a text the scanner read while waiting for A's code. */
  offerScanned(text: string): void;
  /** Back to idle, cancelling a pending code (the sheet closed, or "start again"). Open links stay. */
  reset(): void;
  /** Closes every open link. */
  disconnectAll(): void;
  /** The panic wipe: cancels any pending code and closes every link. */
  wipe(): void;
}

export interface PhoneLinksDeps {
  readonly port: PhoneLinkPort;
  /**
   * The page's link adapter; `load`, when it has one, fetches its code (deferredLinkAdapter), done
   * before a code is made so the link is attached the moment it opens.
   */
  readonly adapter: LinkAdapter & { readonly load?: () => Promise<unknown> };
  /** This device's own clock (the one the platform dates codes by). */
  readonly clock: Clock;
}

const TICK_MS = 1000;

/** What went wrong, from a rejection of the port (PhoneLinkError codes; anything else failed to connect). */
export function linkErrorKind(e: unknown): 'expired' | 'wrong-code' | LinkFailure {
  if (!isPhoneLinkError(e)) return 'connect-failed';
  switch (e.code) {
    case 'expired':
    case 'unsupported':
    case 'no-address':
      return e.code;
    case 'not-link-code':
    case 'wrong-role':
    case 'wrong-session':
      return 'wrong-code';
    default:
      return 'connect-failed';
  }
}

/** What a scanned text is, before handing it to the port. */
function scanRefusal(text: string): LinkScanRefusal | undefined {
  const t = text.trim();
  if (isLinkCode(t)) return undefined;
  return t.startsWith(QR_MARKER) || t.startsWith(BUNDLE_TEXT_MARKER) ? 'bundle' : 'not-link';
}

/** createX: call inside a Solid owner; pending codes are cancelled and links closed with it. */
export function createPhoneLinks(deps: PhoneLinksDeps): PhoneLinksSlice {
  const [flow, setFlowSignal] = createSignal<LinkFlow>({ state: 'idle' });
  const [now, setNow] = createSignal(deps.clock.now());
  const [refusal, setRefusal] = createSignal<LinkScanRefusal>();
  const [count, setCount] = createSignal(deps.adapter.status().connected);
  const [lastCut, setLastCut] = createSignal<LinkCutReason>();
  /** Bumped on every reset: a late answer from the port for an older attempt is ignored. */
  let attempt = 0;
  let offer: PendingOffer | undefined;
  let answer: PendingAnswer | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;
  /** How to drop each open link (removed when the link ends by itself). */
  const drops = new Set<() => void>();

  const stopTicking = () => {
    if (ticker !== undefined) clearInterval(ticker);
    ticker = undefined;
  };
  const setFlow = (next: LinkFlow) => {
    setRefusal(undefined);
    setFlowSignal(next);
    const pending = next.state === 'offering' || next.state === 'scanning';
    if (pending && ticker === undefined) ticker = setInterval(tick, TICK_MS);
    if (!pending) stopTicking();
    if (pending) tick();
  };
  /** Re-reads the clock; a code past its expiry ends the attempt. */
  function tick() {
    const t = deps.clock.now();
    setNow(t);
    const f = flow();
    if ((f.state === 'offering' || f.state === 'scanning') && t >= f.expiresAt) {
      cancelPending();
      setFlow({ state: 'expired' });
    }
  }
  const cancelPending = () => {
    attempt++;
    offer?.cancel();
    answer?.cancel();
    offer = undefined;
    answer = undefined;
  };
  const fail = (e: unknown) => {
    const kind = linkErrorKind(e);
    cancelPending();
    setFlow(
      kind === 'expired'
        ? { state: 'expired' }
        : { state: 'failed', reason: kind === 'wrong-code' ? 'connect-failed' : kind },
    );
  };

  /** Attaches an opened channel; forgets it once it closes. */
  const link = (channel: LinkChannel) => {
    let drop: () => void = () => {};
    const watched: LinkChannel = {
      send: (text) => channel.send(text),
      bufferedAmount: () => channel.bufferedAmount(),
      close: () => channel.close(),
      listen: (onMessage, onClose) =>
        channel.listen(onMessage, () => {
          drops.delete(drop);
          onClose();
        }),
    };
    drop = deps.adapter.attach(watched);
    drops.add(drop);
    setFlow({ state: 'linked' });
  };

  /** The adapter's code, before the port: a chunk that cannot come means this phone cannot link now. */
  const loaded = async () => {
    try {
      await deps.adapter.load?.();
    } catch (e) {
      throw new PhoneLinkError('unsupported', { cause: e });
    }
  };

  const offStatus = deps.adapter.onStatus((s) => setCount(s.connected));
  const offCut = deps.adapter.onCut((reason) => setLastCut(() => reason));

  const disconnectAll = () => {
    const all = [...drops];
    drops.clear();
    for (const drop of all) drop();
  };
  const reset = () => {
    cancelPending();
    setFlow({ state: 'idle' });
  };
  onCleanup(() => {
    reset();
    stopTicking();
    disconnectAll();
    offStatus();
    offCut();
  });

  return {
    flow,
    remainingMs: () => {
      const f = flow();
      return f.state === 'offering' || f.state === 'scanning' ? Math.max(0, f.expiresAt - now()) : undefined;
    },
    refusal,
    count,
    lastCut,
    dismissCut: () => setLastCut(undefined),
    start() {
      cancelPending();
      const mine = attempt;
      setFlow({ state: 'preparing' });
      loaded()
        .then(() => deps.port.offerLink())
        .then(
          (pending) => {
            if (mine !== attempt) return pending.cancel();
            offer = pending;
            setFlow({ state: 'offering', code: pending.code, expiresAt: pending.expiresAt });
          },
          (e: unknown) => mine === attempt && fail(e),
        );
    },
    scanAnswer() {
      const f = flow();
      if (f.state === 'offering') setFlow({ ...f, state: 'scanning' });
    },
    showCode() {
      const f = flow();
      if (f.state === 'scanning') setFlow({ ...f, state: 'offering' });
    },
    answerScanned(text) {
      const f = flow();
      if (f.state !== 'scanning' || !offer) return;
      const refused = scanRefusal(text);
      if (refused) return setRefusal(refused);
      const mine = attempt;
      const pending = offer;
      setFlow({ state: 'connecting' });
      pending.accept(text.trim()).then(
        (channel) => {
          if (mine !== attempt) return channel.close();
          offer = undefined;
          link(channel);
        },
        (e: unknown) => {
          if (mine !== attempt) return;
          // Another phone's answer, or an offer instead of an answer: keep scanning for the right one.
          if (linkErrorKind(e) === 'wrong-code' && deps.clock.now() < f.expiresAt) {
            setFlow(f);
            setRefusal('wrong-code');
          } else fail(e);
        },
      );
    },
    join() {
      cancelPending();
      setFlow({ state: 'scanning-offer' });
    },
    offerScanned(text) {
      if (flow().state !== 'scanning-offer') return;
      const refused = scanRefusal(text);
      if (refused) return setRefusal(refused);
      cancelPending();
      const mine = attempt;
      setFlow({ state: 'preparing-answer' });
      loaded()
        .then(() => deps.port.answerLink(text.trim()))
        .then(
          (pending) => {
            if (mine !== attempt) return pending.cancel();
            answer = pending;
            setFlow({ state: 'answering', code: pending.code });
            pending.channel.then(
              (channel) => {
                if (mine !== attempt) return channel.close();
                answer = undefined;
                link(channel);
              },
              (e: unknown) => mine === attempt && fail(e),
            );
          },
          (e: unknown) => {
            if (mine !== attempt) return;
            if (linkErrorKind(e) === 'wrong-code') {
              setFlow({ state: 'scanning-offer' });
              setRefusal('wrong-code');
            } else fail(e);
          },
        );
    },
    reset,
    disconnectAll,
    wipe() {
      reset();
      disconnectAll();
    },
  };
}
