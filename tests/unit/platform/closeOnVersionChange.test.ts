/** The worker's IndexedDB connections close when a page deletes their database (so the panic wipe is not blocked). */
import { expect, it } from 'vitest';
import { closeConnectionsOnVersionChange } from '../../../src/platform/closeOnVersionChange';

function fakeFactory() {
  const opened: { name: string; version?: number; closed: boolean; db: EventTarget }[] = [];
  const factory = {
    open(name: string, version?: number) {
      const request = new EventTarget() as EventTarget & { result: unknown };
      const db = Object.assign(new EventTarget(), { close: () => (entry.closed = true) });
      const entry = { name, version, closed: false, db };
      opened.push(entry);
      request.result = db;
      queueMicrotask(() => request.dispatchEvent(new Event('success')));
      return request;
    },
  };
  return { factory: factory as unknown as IDBFactory, opened };
}

it('closes each connection on versionchange, and only then', async () => {
  const { factory, opened } = fakeFactory();
  closeConnectionsOnVersionChange(factory);
  factory.open('workbox-expiration', 1);
  factory.open('other');
  await Promise.resolve();
  expect(opened.map((o) => [o.name, o.version, o.closed])).toEqual([
    ['workbox-expiration', 1, false],
    ['other', undefined, false],
  ]);
  opened[0]?.db.dispatchEvent(new Event('versionchange'));
  expect(opened.map((o) => o.closed)).toEqual([true, false]);
});
