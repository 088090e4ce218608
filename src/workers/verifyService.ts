/**
 * What the verify worker does with each request, kept free of worker globals
 * so unit tests can drive it directly: remember introduced circles, open every
 * item with openEnvelope, reply once per batch with results in request order.
 */
import type { CircleKey } from '../protocol/circle';
import { openEnvelope } from '../protocol/openEnvelope';
import { refuse } from '../domain/result';
import type { VerifyReply, VerifyRequest } from './verifyMessages';

export type VerifyHandler = (request: VerifyRequest) => Promise<void>;

export function makeVerifyService(post: (reply: VerifyReply) => void, open = openEnvelope): VerifyHandler {
  const circles = new Map<number, CircleKey>();
  return async ({ batch, circles: intros, items }) => {
    for (const c of intros) circles.set(c.ref, { id: c.id, key: c.key });
    const results = await Promise.all(
      items.map((item) => {
        const circle = circles.get(item.ref);
        if (!circle) return refuse('wrong-circle', 'verify worker was not told this circle');
        // openEnvelope refuses bad input with a typed result; a throw would be a bug, still answered.
        return open(item.wire, circle, item.opts).catch(() => refuse('bad-shape', 'verification failed'));
      }),
    );
    post({ batch, results });
  };
}
