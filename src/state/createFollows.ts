/**
 * Points the user follows: a set of ids kept in the device's settings only.
 * Following is never published; nobody else learns who follows what. Points
 * the user organizes are followed automatically, once each: the ids already
 * auto-followed are kept too, so an organizer who unfollows stays unfollowed.
 */
import { createSignal } from 'solid-js';
import { asRecordId, type RecordId } from '../domain';
import type { SettingsStore } from '../platform/settingsStore';
import type { FollowSlice } from './alertTypes';

export interface Follows extends FollowSlice {
  /** Drops ids for which `known` is false (points that expired and were pruned). */
  retain(known: (id: RecordId) => boolean): void;
  /** Follows each point not auto-followed before (the user's own and co-organized points). */
  autoFollow(ids: Iterable<RecordId>): void;
}

/** Stored ids are peer-derived text written by an older version: re-check the shape on read. */
function storedIds(settings: SettingsStore, field: 'followed' | 'autoFollowed' = 'followed'): Set<RecordId> {
  const ids = new Set<RecordId>();
  for (const s of settings.load()[field] ?? []) {
    const id = asRecordId(s);
    if (id) ids.add(id);
  }
  return ids;
}

export function createFollows(settings: SettingsStore): Follows {
  const [followed, setFollowed] = createSignal<ReadonlySet<RecordId>>(storedIds(settings));
  let auto = storedIds(settings, 'autoFollowed');
  const update = (next: Set<RecordId>) => {
    setFollowed(next);
    settings.save({ followed: [...next] });
  };
  return {
    followed,
    isFollowed: (id) => followed().has(id),
    follow(id) {
      if (followed().has(id)) return;
      update(new Set([...followed(), id]));
    },
    unfollow(id) {
      if (!followed().has(id)) return;
      const next = new Set(followed());
      next.delete(id);
      update(next);
    },
    retain(known) {
      const next = new Set([...followed()].filter(known));
      if (next.size !== followed().size) update(next);
      const nextAuto = new Set([...auto].filter(known));
      if (nextAuto.size !== auto.size) {
        auto = nextAuto;
        settings.save({ autoFollowed: [...auto] });
      }
    },
    autoFollow(ids) {
      const fresh = [...new Set(ids)].filter((id) => !auto.has(id));
      if (fresh.length === 0) return;
      auto = new Set([...auto, ...fresh]);
      settings.save({ autoFollowed: [...auto] });
      const next = new Set([...followed(), ...fresh]);
      if (next.size !== followed().size) update(next);
    },
  };
}
