/**
 * Test page script (built only by tests/links/phoneLinkPlatform.test.ts into a
 * temp folder): src/platform/phoneLink.ts without the app, driven from Node.
 * Pending codes and open links stay in the page under numeric handles; every
 * failure comes back as its PhoneLinkError code, every link records what it
 * received and whether it closed.
 */
import { isPhoneLinkError } from '../../../src/domain/phoneLinkError';
import {
  answerLink,
  linkTraffic,
  offerLink,
  type PendingAnswer,
  type PendingOffer,
  type PhoneLinkOptions,
} from '../../../src/platform/phoneLink';
import type { LinkChannel } from '../../../src/sync/LinkChannel';

/** Options that survive page.evaluate: the clock as an offset from Date.now(). */
export interface ProbeOptions {
  readonly ttlMs?: number;
  readonly connectTimeoutMs?: number;
  readonly clockOffsetMs?: number;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string };

interface Link {
  readonly channel: LinkChannel;
  readonly received: unknown[];
  closed: boolean;
}

export interface LinkProbe {
  offer(opts?: ProbeOptions): Promise<Outcome<{ id: number; code: string; expiresAt: number }>>;
  /** A applies an answer; the value is the link handle and the ms from the call to the open channel. */
  accept(offer: number, answerCode: string): Promise<Outcome<{ link: number; ms: number }>>;
  cancelOffer(offer: number): void;
  answer(offerCode: string, opts?: ProbeOptions): Promise<Outcome<{ id: number; code: string }>>;
  /** B's link once A accepted, with the page time it opened. */
  answered(answer: number): Promise<Outcome<{ link: number; at: number }>>;
  cancelAnswer(answer: number): void;
  send(link: number, text: string): void;
  received(link: number): unknown[];
  closed(link: number): boolean;
  close(link: number): void;
  traffic(link: number): Promise<Outcome<{ bytesSent: number; bytesReceived: number }>>;
}

const offers = new Map<number, PendingOffer>();
const answers = new Map<number, PendingAnswer>();
const links = new Map<number, Link>();
let next = 1;

const options = (o: ProbeOptions = {}): PhoneLinkOptions => ({
  ttlMs: o.ttlMs,
  connectTimeoutMs: o.connectTimeoutMs,
  now: () => Date.now() + (o.clockOffsetMs ?? 0),
});

async function outcome<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    return { ok: false, code: isPhoneLinkError(e) ? e.code : `untyped: ${String(e)}` };
  }
}

function keep(channel: LinkChannel): number {
  const id = next++;
  const link: Link = { channel, received: [], closed: false };
  channel.listen(
    (data) => link.received.push(data),
    () => (link.closed = true),
  );
  links.set(id, link);
  return id;
}

const linkOf = (id: number): Link => {
  const l = links.get(id);
  if (!l) throw new Error(`no link ${id}`);
  return l;
};

const probe: LinkProbe = {
  offer: (o) =>
    outcome(async () => {
      const p = await offerLink(options(o));
      const id = next++;
      offers.set(id, p);
      return { id, code: p.code, expiresAt: p.expiresAt };
    }),
  accept: (offer, answerCode) =>
    outcome(async () => {
      const p = offers.get(offer);
      if (!p) throw new Error(`no offer ${offer}`);
      const t0 = performance.now();
      const channel = await p.accept(answerCode);
      return { link: keep(channel), ms: performance.now() - t0 };
    }),
  cancelOffer: (offer) => offers.get(offer)?.cancel(),
  answer: (offerCode, o) =>
    outcome(async () => {
      const p = await answerLink(offerCode, options(o));
      const id = next++;
      answers.set(id, p);
      return { id, code: p.code };
    }),
  answered: (answer) =>
    outcome(async () => {
      const p = answers.get(answer);
      if (!p) throw new Error(`no answer ${answer}`);
      const channel = await p.channel;
      return { link: keep(channel), at: Date.now() };
    }),
  cancelAnswer: (answer) => answers.get(answer)?.cancel(),
  send: (link, text) => linkOf(link).channel.send(text),
  received: (link) => linkOf(link).received,
  closed: (link) => linkOf(link).closed,
  close: (link) => linkOf(link).channel.close(),
  traffic: (link) => outcome(() => linkTraffic(linkOf(link).channel)),
};

(window as unknown as { linkProbe: LinkProbe }).linkProbe = probe;
