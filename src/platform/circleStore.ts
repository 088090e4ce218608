/**
 * The private circles this device belongs to, in IndexedDB (store `circles`).
 * Each row's content (the circle key, its name, its organizers) goes through
 * atRest().seal/open, so an app PIN covers circle keys; only a lookup key of
 * the id is in the clear as the key path (with a PIN a keyed hash: the circle
 * id is what relays file the circle's records under). Rows are re-validated on load with the invite
 * parser: storage is trusted no more than the network. Leaving a circle
 * deletes its row (and the state layer deletes its records).
 */
import { asCircleId, type CircleId } from '../domain/brand';
import { parseInviteValue, type CircleInvite } from '../domain/circleInvite';
import { atRest } from './atRest';
import { lookupKey } from './sealedRow';
import { openVadaDb } from './vadaDb';

/** A circle as kept on the device: what its invite said, plus local bookkeeping. */
export interface CircleRow extends CircleInvite {
  /** Set once a re-key replaced it here: still read, never written to. */
  readonly replacedBy?: CircleId;
  /** When this device joined or created it (ms). */
  readonly joinedAt: number;
}

export interface CircleStore {
  /** Every stored circle that opens and validates (others are skipped and counted). */
  all(): Promise<{ rows: CircleRow[]; dropped: number }>;
  put(row: CircleRow): Promise<void>;
  delete(id: CircleId): Promise<void>;
}

/** Validates a stored (or remembered) row; undefined when it is not a circle row. */
export function parseCircleRow(value: unknown): CircleRow | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { replacedBy, joinedAt, ...invite } = value as Record<string, unknown>;
  const parsed = parseInviteValue(invite);
  if (!parsed.ok || !Number.isSafeInteger(joinedAt)) return undefined;
  const by = replacedBy === undefined ? undefined : asCircleId(replacedBy);
  if (replacedBy !== undefined && (!by || by === parsed.value.id)) return undefined;
  return { ...parsed.value, joinedAt: joinedAt as number, ...(by ? { replacedBy: by } : {}) };
}

const plain = (row: CircleRow): CircleRow => ({ ...row, organizers: [...row.organizers] });

export function openCircleStore(): CircleStore {
  return {
    async all() {
      const rows: CircleRow[] = [];
      let dropped = 0;
      for (const stored of await (await openVadaDb()).getAll('circles')) {
        const row = parseCircleRow(
          await atRest()
            .open(stored.sealed)
            .catch(() => undefined),
        );
        if (row && (await lookupKey('circles', row.id)) === stored.id) rows.push(row);
        else dropped++;
      }
      return { rows, dropped };
    },
    async put(row) {
      const sealed = await atRest().seal(plain(row));
      await (await openVadaDb()).put('circles', { id: await lookupKey('circles', row.id), sealed });
    },
    async delete(id) {
      await (await openVadaDb()).delete('circles', await lookupKey('circles', id));
    },
  };
}

/** The same contract in memory (tests, or a browser without IndexedDB); values still pass the codec. */
export function createMemoryCircleStore(): CircleStore {
  const rows = new Map<string, unknown>();
  return {
    async all() {
      const out: CircleRow[] = [];
      let dropped = 0;
      for (const sealed of rows.values()) {
        const row = parseCircleRow(
          await atRest()
            .open(sealed)
            .catch(() => undefined),
        );
        if (row) out.push(row);
        else dropped++;
      }
      return { rows: out, dropped };
    },
    put: async (row) => void rows.set(row.id, await atRest().seal(plain(row))),
    delete: async (id) => void rows.delete(id),
  };
}
