/**
 * The map packs the map draws from, in the first load: the packs on this
 * phone (listed through the pack store, whose code loads on first use) and
 * those the relay serves (runtime config), and opening one by id for its
 * tiles. Importing, keeping, deleting and exporting are createMapPacks.ts, a
 * chunk of its own (deferredMapPacks.ts); it shares this list.
 */
import { createMemo, createSignal, type Accessor } from 'solid-js';
import type { RelayTilePack } from '../domain/tilePacks';
import type { Bounds } from '../domain/tiles';
import type { PackRecord, PackStore } from '../platform/packStore';

/** A pack the relay serves (`tilePacks` in /vada-config.json, validated by domain/tilePacks.ts). */
export type RelayPack = RelayTilePack;

/** A relay pack as listed: its id on the map, and whether this phone keeps a copy already. */
export interface RelayPackView extends RelayPack {
  readonly id: string;
  readonly fileName: string;
  readonly kept: boolean;
}

/** What the map needs of one pack (shape of map/packLayer's MapPack). */
export interface PackOnMap {
  readonly id: string;
  readonly minZoom: number;
  readonly maxZoom: number;
  readonly bounds: Bounds;
  readonly where: 'device' | 'relay';
  readonly attribution: string;
}

/** Opened pack tiles, as the port gives them. */
export type OpenedPack = NonNullable<Awaited<ReturnType<PackStore['open']>>>;

export interface PackListDeps {
  /** This phone's packs; none without a store. */
  readonly store?: Pick<PackStore, 'list' | 'open'>;
  readonly relayPacks: readonly RelayPack[];
  /** Opens a relay pack over HTTP range requests. */
  readonly openRelay: (pack: RelayPack) => Promise<OpenedPack | undefined>;
}

export interface PackList {
  /** Packs on this phone, oldest first. */
  readonly packs: Accessor<readonly PackRecord[]>;
  /** Packs the relay serves. */
  readonly relayPacks: Accessor<readonly RelayPackView[]>;
  /** Every pack the map draws from (relay packs this phone keeps a copy of are left out). */
  readonly onMap: Accessor<readonly PackOnMap[]>;
  /** Opens a pack by id (device or relay) for the map; undefined when it is gone. */
  open(id: string): Promise<OpenedPack | undefined>;
  /** Reads this phone's packs again (after an import or a removal). */
  reload(): Promise<void>;
  /** True after a panic wipe: nothing is listed or imported any more. */
  readonly forgotten: () => boolean;
  /** Panic wipe: the packs are deleted with the rest (panicWipe); the list forgets them. */
  forget(): void;
}

const RELAY_PREFIX = 'relay:';
const baseName = (url: string) => decodeURIComponent(url.split(/[?#]/)[0]?.split('/').pop() ?? '') || 'map.pmtiles';

/** createX: call inside a Solid owner (its memos end with it). */
export function createPackList(deps: PackListDeps): PackList {
  const [packs, setPacks] = createSignal<readonly PackRecord[]>([]);
  let forgotten = false;

  const reload = async () => {
    const list = (await deps.store?.list()) ?? [];
    if (!forgotten) setPacks(list);
  };
  void reload().catch(() => setPacks([]));

  const relayPacks = createMemo<readonly RelayPackView[]>(() =>
    deps.relayPacks.map((p) => {
      const fileName = baseName(p.url);
      return {
        ...p,
        id: RELAY_PREFIX + p.url,
        fileName,
        kept: packs().some((d) => d.fileName === fileName && d.bytes === p.bytes),
      };
    }),
  );
  const onMap = createMemo<readonly PackOnMap[]>(() => [
    ...packs().map((p) => ({
      id: p.id,
      minZoom: p.minZoom,
      maxZoom: p.maxZoom,
      bounds: p.bounds,
      where: 'device' as const,
      attribution: p.attribution,
    })),
    ...relayPacks()
      .filter((p) => !p.kept)
      .map((p) => ({
        id: p.id,
        minZoom: p.minZoom,
        maxZoom: p.maxZoom,
        bounds: p.bounds,
        where: 'relay' as const,
        attribution: p.attribution,
      })),
  ]);

  return {
    packs,
    relayPacks,
    onMap,
    async open(id) {
      if (id.startsWith(RELAY_PREFIX)) {
        const pack = relayPacks().find((p) => p.id === id);
        return pack ? deps.openRelay(pack) : undefined;
      }
      return deps.store?.open(id);
    },
    reload,
    forgotten: () => forgotten,
    forget() {
      forgotten = true;
      setPacks([]);
    },
  };
}
