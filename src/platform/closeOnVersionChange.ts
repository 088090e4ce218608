/**
 * Lets a page delete the worker's IndexedDB databases (the panic wipe): every
 * connection the worker opens closes itself when another context deletes or
 * upgrades its database. Workbox's expiration store (which browsed tile URLs,
 * hence which area the user looked at) otherwise keeps its connection open
 * for the worker's whole life, and the deletion stays blocked. Used by
 * service-worker/sw.ts; it lives here because only src/platform touches storage.
 */
export function closeConnectionsOnVersionChange(factory: IDBFactory = globalThis.indexedDB): void {
  const open = factory.open.bind(factory);
  factory.open = (name: string, version?: number) => {
    const request = open(name, version);
    request.addEventListener('success', () => {
      const db = request.result;
      // The closed connection is not reopened by Workbox: later writes fail instead of recreating the database.
      db.addEventListener('versionchange', () => db.close());
    });
    return request;
  };
}
