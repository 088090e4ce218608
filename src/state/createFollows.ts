/**
 * Points the user follows: a set of ids kept in the device's settings only.
 * Following is never published; nobody else learns who follows what.
 */
import { createSignal } from 'solid-js';
import { asRecordId, type RecordId } from '../domain';
import type { SettingsStore } from '../platform/settingsStore';
import type { FollowSlice } from './alertTypes';

export interface Follows extends FollowSlice {
  /** Drops ids for which `known` is false (points that expired and were pruned). */
  retain(known: (id: RecordId) => boolean): void;
}

/** Stored ids are peer-derived text written by an older version: re-check the shape on read. */
function storedIds(settings: SettingsStore): Set<RecordId> {
  const ids = new Set<RecordId>();
  for (const s of settings.load().followed ?? []) {
    const id = asRecordId(s);
    if (id) ids.add(id);
  }
  return ids;
}

export function createFollows(settings: SettingsStore): Follows {
  const [followed, setFollowed] = createSignal<ReadonlySet<RecordId>>(storedIds(settings));
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
    },
  };
}
