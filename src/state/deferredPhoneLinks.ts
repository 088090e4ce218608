/**
 * Nearby phones on first use: what the bar shows (how many links are open,
 * the last one cut for bad data) answers at once from the page's link
 * adapter; the pairing flow (createPhoneLinks.ts) is a chunk of its own
 * (phoneLinksCode.ts), made into the flow the moment that code is here. The
 * link sheet waits for it before it shows. No link can open without the flow,
 * so before it is here there is nothing to close (wipe, disconnect all); a
 * pairing asked for meanwhile starts once the code came, or ends
 * 'unsupported' when it cannot come, as when the link adapter's chunk cannot.
 */
import { createSignal, getOwner, onCleanup, runWithOwner } from 'solid-js';
import type { LinkCutReason } from '../sync/linkAdapter';
import type { LinkFlow, PhoneLinkPort, PhoneLinksDeps, PhoneLinksSlice } from './createPhoneLinks';
import { loadPhoneLinksCode, phoneLinksCode, type PhoneLinksCode } from './phoneLinksCode';

export interface DeferredPhoneLinksDeps extends Omit<PhoneLinksDeps, 'port'> {
  /** The WebRTC side; default none (every attempt ends 'unsupported'). */
  readonly port?: PhoneLinkPort;
}

const IDLE: LinkFlow = { state: 'idle' };
const UNSUPPORTED: LinkFlow = { state: 'failed', reason: 'unsupported' };

/** createX: call inside a Solid owner; the flow, once made, ends with it (pending codes, open links). */
export function deferredPhoneLinks(deps: DeferredPhoneLinksDeps): PhoneLinksSlice {
  const owner = getOwner();
  const [count, setCount] = createSignal(deps.adapter.status().connected);
  const [lastCut, setLastCut] = createSignal<LinkCutReason>();
  /** The flow's code could not come for the last step asked for. */
  const [refused, setRefused] = createSignal(false);
  onCleanup(deps.adapter.onStatus((s) => setCount(s.connected)));
  onCleanup(deps.adapter.onCut((reason) => setLastCut(() => reason)));

  let made: PhoneLinksSlice | undefined;
  const make = (code: PhoneLinksCode): PhoneLinksSlice =>
    (made ??= runWithOwner(owner, () =>
      code.createPhoneLinks({ ...deps, port: deps.port ?? code.NO_PHONE_LINKS }),
    ) as PhoneLinksSlice);
  /** The flow once its code is here (reactive: a reader re-runs when it arrives). */
  const real = (): PhoneLinksSlice | undefined => {
    const code = phoneLinksCode();
    return code && make(code);
  };
  /** A step of the flow: now when its code is here, else once it came. */
  const step = (run: (flow: PhoneLinksSlice) => void) => {
    setRefused(false);
    const flow = real();
    if (flow) return run(flow);
    loadPhoneLinksCode().then(
      (code) => run(make(code)),
      () => setRefused(true),
    );
  };

  return {
    flow: () => real()?.flow() ?? (refused() ? UNSUPPORTED : IDLE),
    remainingMs: () => real()?.remainingMs(),
    refusal: () => real()?.refusal(),
    count,
    lastCut,
    dismissCut: () => setLastCut(undefined),
    start: () => step((flow) => flow.start()),
    scanAnswer: () => real()?.scanAnswer(),
    showCode: () => real()?.showCode(),
    answerScanned: (text) => real()?.answerScanned(text),
    join: () => step((flow) => flow.join()),
    offerScanned: (text) => real()?.offerScanned(text),
    reset() {
      setRefused(false);
      made?.reset();
    },
    disconnectAll: () => made?.disconnectAll(),
    wipe: () => made?.wipe(),
  };
}
