/**
 * One contract for every Outbox (src/sync/Outbox.ts, the durable send queue):
 * the memory outbox and the IndexedDB one, each plain and sealed under a PIN.
 * The sync contract (outboxContract.ts) proves adapters use an outbox well;
 * this proves every outbox keeps what it promises: the first put of an id
 * wins, the first acknowledgement wins and clears a refusal, a refusal is
 * final otherwise, oldest first, pruning by the exact creation time, and
 * under a PIN nothing at rest names a record, a circle or a relay's answer.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Outbox, OutboxEntry } from '../../src/domain/Outbox';
import {
  HOUR,
  MINUTE,
  pinCodecs,
  randomId,
  expectSealedRows,
  readable,
  T0,
  type StoreImpl,
  type StoreRun,
} from './storeHarness';

function entry(n: number, created = T0 + n * MINUTE, extra: Partial<OutboxEntry> = {}): OutboxEntry {
  return { id: randomId(), circle: randomId(16), wire: `{"title":"Outbox ${n} ${randomId(6)}"}`, created, ...extra };
}
const ids = (es: readonly OutboxEntry[]) => es.map((e) => e.id);

export function runOutboxContract(impl: StoreImpl<Outbox>): void {
  describe(`Outbox contract: ${impl.name}`, () => {
    let run: StoreRun<Outbox>;
    let s: Outbox;
    beforeEach(async () => {
      run = await impl.start();
      s = run.store;
    });

    it('applies changes in the order they were asked: an acknowledgement asked before the put finished lands after it', async () => {
      // The send queue does not wait for the write before sending (issue 15), so an answer can overtake it.
      const e = entry(1);
      await Promise.all([s.put(e), s.markSent(e.id, T0 + 5), s.markRefused(e.id, 'late')]);
      expect((await s.all()).map((r) => [r.id, r.sentAt, r.refused])).toEqual([[e.id, T0 + 5, undefined]]);
      expect(await s.unsent()).toEqual([]);
    });

    it('starts empty, and marks on ids it never had create nothing', async () => {
      expect(await s.all()).toEqual([]);
      await s.markSent(randomId(), T0);
      await s.markRefused(randomId(), 'bad-signature');
      await s.prune(T0 + HOUR);
      expect(await s.all()).toEqual([]);
      expect(await s.unsent()).toEqual([]);
    });

    it('keeps every entry as put, oldest first whatever the order of puts', async () => {
      const es = [entry(3), entry(1, T0 + MINUTE, { carried: true }), entry(2)];
      for (const e of es) await s.put(e);
      const oldestFirst = [es[1]!, es[2]!, es[0]!];
      expect(await s.all()).toEqual(oldestFirst);
      expect(await s.unsent()).toEqual(oldestFirst);
    });

    it('keeps the first put of an id: a second one changes nothing, not even a mark', async () => {
      const e = entry(1);
      await s.put(e);
      await s.markSent(e.id, T0 + 5 * MINUTE);
      await s.put({ ...e, wire: 'replaced', created: T0 });
      expect(await s.all()).toEqual([{ ...e, sentAt: T0 + 5 * MINUTE }]);
    });

    it('the first acknowledgement wins and clears an earlier refusal; a carried entry stays carried', async () => {
      const [a, b] = [entry(1), entry(2, undefined, { carried: true })];
      await s.put(a);
      await s.put(b);
      await s.markRefused(a.id, 'rate-limited');
      await s.markSent(a.id, T0 + 10 * MINUTE);
      await s.markSent(a.id, T0 + 20 * MINUTE);
      await s.markSent(b.id, T0 + 11 * MINUTE);
      await s.markRefused(b.id, 'too-late');
      expect(await s.all()).toEqual([
        { ...a, sentAt: T0 + 10 * MINUTE },
        { ...b, sentAt: T0 + 11 * MINUTE },
      ]);
      expect(await s.unsent()).toEqual([]);
    });

    it('a refusal is kept with its first reason and leaves the unsent list', async () => {
      const [a, b] = [entry(1), entry(2)];
      await s.put(a);
      await s.put(b);
      await s.markRefused(a.id, 'bad-signature');
      await s.markRefused(a.id, 'rate-limited');
      expect(await s.all()).toEqual([{ ...a, refused: 'bad-signature' }, b]);
      expect(await s.unsent()).toEqual([b]);
    });

    it('prunes by the exact creation time: before goes, at or after stays, also within the same hour', async () => {
      const before = T0 + 30 * MINUTE;
      const gone = [entry(1, T0 - 5 * HOUR), entry(2, T0), entry(3, before - 1)];
      const kept = [entry(4, before), entry(5, T0 + 45 * MINUTE), entry(6, T0 + 3 * HOUR)];
      for (const e of [...kept, ...gone]) await s.put(e);
      await s.markSent(gone[1]!.id, T0 + MINUTE);
      await s.prune(before);
      expect(ids(await s.all())).toEqual(ids(kept));
      await s.prune(before);
      expect(ids(await s.all())).toEqual(ids(kept));
    });

    it('takes concurrent writes: 30 puts at once, and marks fired without waiting apply in call order', async () => {
      const es = Array.from({ length: 30 }, (_, i) => entry(i));
      const old = entry(99, T0 - 2 * HOUR);
      await Promise.all([old, ...es].map((e) => s.put(e)));
      expect(ids(await s.all())).toEqual(ids([old, ...es]));
      await s.prune(T0);
      expect(ids(await s.all())).toEqual(ids(es));
      const [a, b, c] = es as [OutboxEntry, OutboxEntry, OutboxEntry];
      await Promise.all([
        s.markRefused(a.id, 'first'),
        s.markSent(a.id, T0 + HOUR),
        s.markSent(b.id, T0 + HOUR),
        s.markRefused(b.id, 'late'),
        s.put({ ...c, wire: 'second put' }),
        s.markRefused(c.id, 'only'),
        s.prune(T0),
      ]);
      const all = await s.all();
      expect(all.slice(0, 3)).toEqual([
        { ...a, sentAt: T0 + HOUR },
        { ...b, sentAt: T0 + HOUR },
        { ...c, refused: 'only' },
      ]);
      expect(ids(all)).toEqual(ids(es));
    });

    if (impl.persistent) {
      it('survives a reload: entries and their marks, and marks made on the new page', async () => {
        const es = [entry(1), entry(2), entry(3, undefined, { carried: true })];
        for (const e of es) await s.put(e);
        await s.markSent(es[0]!.id, T0 + HOUR);
        await s.markRefused(es[1]!.id, 'forbidden-key');
        const after = await run.reopen!();
        expect(await after.all()).toEqual([
          { ...es[0]!, sentAt: T0 + HOUR },
          { ...es[1]!, refused: 'forbidden-key' },
          es[2]!,
        ]);
        await after.markSent(es[2]!.id, T0 + 2 * HOUR);
        await after.put({ ...es[0]!, wire: 'again' });
        expect(await (await run.reopen!()).unsent()).toEqual([]);
      });

      it('two tabs answering at once: an acknowledgement in one wins over a refusal in the other, in either order', async () => {
        const tab = await run.another!();
        const es = Array.from({ length: 8 }, (_, i) => entry(i));
        for (const e of es) await s.put(e);
        await Promise.all(
          es.map((e, i) =>
            i % 2 === 0
              ? Promise.all([s.markSent(e.id, T0 + HOUR), tab.markRefused(e.id, 'rate-limited')])
              : Promise.all([tab.markRefused(e.id, 'rate-limited'), s.markSent(e.id, T0 + HOUR)]),
          ),
        );
        expect(await (await run.reopen!()).all()).toEqual(es.map((e) => ({ ...e, sentAt: T0 + HOUR })));
      });

      it('two tabs putting one id at once keep one entry, and a mark from either tab sticks', async () => {
        const tab = await run.another!();
        const e = entry(1);
        await Promise.all([s.put(e), tab.put({ ...e, wire: 'from the other tab' })]);
        const [only] = await s.all();
        expect((await s.all()).length).toBe(1);
        expect([e.wire, 'from the other tab']).toContain(only?.wire);
        await Promise.all([tab.markSent(e.id, T0 + HOUR), s.put(e)]);
        expect(await (await run.reopen!()).unsent()).toEqual([]);
      });

      it('skips damaged rows and rows that are no entries, keeps every valid one, prunes damage by its clear hour', async () => {
        const valid = [entry(1, T0 + 2 * HOUR), entry(2, T0 + 3 * HOUR)];
        for (const e of valid) await s.put(e);
        const other = (await pinCodecs()).other;
        const damaged = [
          { id: 'damaged-1', created: T0, sealed: { sealed: 'AAAA' } },
          { id: 'damaged-2', created: T0, sealed: null },
          { id: 'damaged-3', created: T0 },
          { id: 'damaged-4', created: T0, sealed: await other.seal(entry(9)) },
          { id: 'damaged-5', created: T0, circle: 'c', wire: 42 },
          { id: 'damaged-6', created: T0 + 4 * HOUR, sealed: { sealed: 'AAAA' } },
        ];
        for (const d of damaged) await run.disk!.put('outbox', d);
        const after = await run.reopen!();
        expect(await after.all()).toEqual(valid);
        expect(await after.unsent()).toEqual(valid);
        await after.markSent(valid[0]!.id, T0 + 5 * HOUR);
        await after.prune(T0 + HOUR);
        expect(await after.all()).toEqual([{ ...valid[0]!, sentAt: T0 + 5 * HOUR }, valid[1]]);
        expect((await run.disk!.rows('outbox')).length).toBe(valid.length + 1);
      });

      it('a damaged row under an id does not block putting that id again', async () => {
        const e = entry(1);
        await s.put(e);
        const [row] = await run.disk!.rows('outbox');
        await run.disk!.put('outbox', { ...row!.value, sealed: { sealed: 'AAAA' } });
        const after = await run.reopen!();
        expect(await after.all()).toEqual([]);
        await after.put(e);
        expect(await (await run.reopen!()).unsent()).toEqual([e]);
      });
    }

    if (impl.persistent && impl.sealed) {
      it('keeps nothing of an entry at rest: rows under the HMAC of their id, the creation time only to the hour', async () => {
        const es = [entry(1, T0 + 17 * MINUTE + 5), entry(2, T0 + HOUR + 1, { carried: true })];
        for (const e of es) await s.put(e);
        await s.markSent(es[0]!.id, T0 + 2 * HOUR + 17);
        await s.markRefused(es[1]!.id, 'refusal reason');
        const text = await run.disk!.dump();
        const secrets = es.flatMap((e) => [e.id, e.circle, e.wire, 'Outbox', String(e.created)]);
        expect(readable(text, [...secrets, String(T0 + 2 * HOUR + 17), 'refusal reason', 'carried'])).toEqual([]);
        await expectSealedRows(run, 'outbox', ids(es), ['created', 'id', 'sealed'], 'created');
      });

      it('another PIN reads nothing and marks nothing; the right PIN still reads everything after', async () => {
        const es = [entry(1), entry(2)];
        for (const e of es) await s.put(e);
        const other = await run.reopenWithOtherPin!();
        expect(await other.all()).toEqual([]);
        await other.markSent(es[0]!.id, T0 + HOUR);
        await other.markRefused(es[1]!.id, 'no');
        await other.prune(T0);
        expect(await (await run.reopen!()).unsent()).toEqual(es);
      });

      it('re-keys rows of the older sealed layout (clear ids, exact times) after unlock and keeps them with their marks', async () => {
        const kept = entry(1);
        await s.put(kept);
        const old = [entry(2, T0 + 20 * MINUTE + 3), { ...entry(3, T0 + 2 * HOUR + 9), sentAt: T0 + 3 * HOUR }];
        for (const e of old)
          await run.disk!.put('outbox', { id: e.id, created: e.created, sealed: await run.codec!.seal(e) });
        expect(await run.rekey!()).toBe(old.length);
        expect(
          readable(
            await run.disk!.dump(),
            old.flatMap((e) => [e.id, String(e.created)]),
          ),
        ).toEqual([]);
        const after = await run.reopen!();
        expect(await after.all()).toEqual([kept, ...old]);
        await after.markSent(old[0]!.id, T0 + 4 * HOUR);
        expect(await after.unsent()).toEqual([kept]);
        await after.prune(T0 + HOUR);
        expect(ids(await after.all())).toEqual(ids([old[1]!]));
      });
    }
  });
}
