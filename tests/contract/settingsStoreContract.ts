/**
 * One contract for every SettingsStore (the user's preferences on this
 * device): in memory (storage blocked), in localStorage, and sealed under a
 * PIN in localStorage. What it promises: each save is read back at once,
 * merged over what was there; the last save of a field wins; saves from two
 * tabs both stay; stored settings are parsed field by field within bounds;
 * after the panic wipe stopped writes nothing is written; under a PIN only
 * the lock screen's language is readable at rest.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { SEALED_SETTINGS_KEY } from '../../src/platform/sealedSettings';
import {
  DISMISSED_MAX,
  FOLLOWED_MAX,
  SETTINGS_KEY,
  type Settings,
  type SettingsStore,
} from '../../src/platform/settingsStore';
import { randomId, readable, T0, type StoreImpl, type StoreRun } from './storeHarness';

const followed = [randomId(), randomId()];
/** Settings that say where the user was and what they follow (none of it readable at rest under a PIN). */
const full: Settings = {
  relays: ['wss://relay.example.org/gun', 'https://10.77.0.5:8765/gun'],
  view: { lat: 53.90453, lon: 27.56151, zoom: 15 },
  shareLocation: true,
  locale: 'be',
  followed,
  autoFollowed: [followed[0]!],
  dismissedAlerts: [{ key: `${randomId()}:disperse`, until: T0 + 1_800_000 }],
  panicGesture: 'immediate',
  firstRunHintDismissed: true,
};
const secrets = [
  'relay.example.org',
  '10.77.0.5',
  '53.9045',
  '27.5615',
  ...followed,
  ':disperse',
  'shareLocation',
  'immediate',
  'firstRunHintDismissed',
];
const POLL = { timeout: 3_000, interval: 20 };
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

export function runSettingsStoreContract(impl: StoreImpl<SettingsStore>): void {
  describe(`SettingsStore contract: ${impl.name}`, () => {
    let run: StoreRun<SettingsStore>;
    let s: SettingsStore;
    /** The settings a new page reads (polled: sealed saves are written in the background). */
    const afterReload = () => expect.poll(async () => (await run.reopen!()).load(), POLL);
    /** Puts settings in storage as this variant keeps them (sealed under the PIN with the language beside, or as JSON). */
    const plant = async (value: Settings | Record<string, unknown>) => {
      const storage = run.localStorage!;
      if (!run.codec) return storage.setItem(SETTINGS_KEY, JSON.stringify(value));
      storage.setItem(SEALED_SETTINGS_KEY, JSON.stringify(await run.codec.seal(value)));
      storage.setItem(SETTINGS_KEY, JSON.stringify(value.locale === undefined ? {} : { locale: value.locale }));
    };
    beforeEach(async () => {
      run = await impl.start();
      s = run.store;
    });

    it('starts from the defaults, and gives back each save at once, merged over what was there', () => {
      expect(s.load()).toEqual({ shareLocation: false });
      s.save({ view: { lat: 53.9, lon: 27.56, zoom: 13 } });
      expect(s.load()).toEqual({ shareLocation: false, view: { lat: 53.9, lon: 27.56, zoom: 13 } });
      s.save({ shareLocation: true, relays: ['wss://a.example/gun'] });
      s.save({ view: { lat: 53.8, lon: 27.5, zoom: 11 } });
      expect(s.load()).toEqual({
        shareLocation: true,
        relays: ['wss://a.example/gun'],
        view: { lat: 53.8, lon: 27.5, zoom: 11 },
      });
    });

    it('keeps the last save of each field after a burst of saves', async () => {
      for (let i = 1; i <= 30; i++)
        s.save(
          i % 2 === 0 ? { view: { lat: 53, lon: 27, zoom: 1 + (i % 18) } } : { relays: [`wss://r${i}.example/gun`] },
        );
      const last = { shareLocation: false, view: { lat: 53, lon: 27, zoom: 13 }, relays: ['wss://r29.example/gun'] };
      expect(s.load()).toEqual(last);
      if (impl.persistent) await afterReload().toEqual(last);
    });

    if (impl.persistent) {
      it('survives a reload', async () => {
        s.save(full);
        await afterReload().toEqual(full);
      });

      it('two tabs saving different settings at once keep both', async () => {
        const tab = await run.another!();
        s.save({ view: full.view! });
        tab.save({ relays: full.relays! });
        s.save({ followed });
        tab.save({ panicGesture: 'off' });
        await afterReload().toEqual({
          shareLocation: false,
          view: full.view,
          relays: full.relays,
          followed,
          panicGesture: 'off',
        });
      });

      it('drops each ill-formed stored field and keeps the good ones; unreadable settings read as the defaults', async () => {
        await plant({
          ...full,
          view: { lat: 999, lon: 0, zoom: 3 },
          relays: ['ok', 7],
          followed: ['short', followed[0]],
        });
        const { view: _view, relays: _relays, ...rest } = full;
        await afterReload().toEqual({ ...rest, followed: [followed[0]] });
        if (run.codec) run.localStorage!.setItem(SEALED_SETTINGS_KEY, '{"sealed":"AAAA"}');
        else run.localStorage!.setItem(SETTINGS_KEY, '{not json');
        // Under a PIN the language stays readable in the clear: it survives damage to the sealed part.
        const after = await run.reopen!();
        expect(after.load()).toEqual(run.codec ? { shareLocation: false, locale: 'be' } : { shareLocation: false });
        after.save({ relays: ['wss://after.example/gun'] });
        await afterReload().toMatchObject({ relays: ['wss://after.example/gun'] });
      });

      it(`reads back at most ${FOLLOWED_MAX} followed points, ${DISMISSED_MAX} dismissed alerts and 20 relays`, async () => {
        const ids = Array.from({ length: FOLLOWED_MAX + 100 }, () => randomId());
        const dismissed = Array.from({ length: DISMISSED_MAX + 50 }, (_, i) => ({ key: `k${i}`, until: T0 }));
        const relays = Array.from({ length: 25 }, (_, i) => `wss://r${i}.example/gun`);
        s.save({ followed: ids, dismissedAlerts: dismissed, relays });
        await afterReload().toEqual({
          shareLocation: false,
          followed: ids.slice(0, FOLLOWED_MAX),
          dismissedAlerts: dismissed.slice(0, DISMISSED_MAX),
          relays: relays.slice(0, 20),
        });
      });

      it('writes nothing once the page stopped its writes (the panic wipe)', async () => {
        s.save({ relays: ['wss://before.example/gun'] });
        await afterReload().toMatchObject({ relays: ['wss://before.example/gun'] });
        const before = run.localStorage!.dump();
        const last = await run.reopen!();
        run.page().settings.stopSettingsWrites();
        last.save(full);
        await settle();
        expect(run.localStorage!.dump()).toBe(before);
      });
    }

    if (impl.persistent && impl.sealed) {
      it('keeps only the lock screen’s language readable at rest', async () => {
        s.save(full);
        await afterReload().toEqual(full);
        const text = run.localStorage!.dump();
        expect(readable(text, secrets)).toEqual([]);
        expect(JSON.parse(run.localStorage!.getItem(SETTINGS_KEY) ?? 'null')).toEqual({ locale: 'be' });
      });

      it('another PIN reads only the language', async () => {
        s.save(full);
        await afterReload().toEqual(full);
        expect((await run.reopenWithOtherPin!()).load()).toEqual({ shareLocation: false, locale: 'be' });
      });

      it('settings left in the clear by an older version are sealed at the first unlock and kept', async () => {
        run.localStorage!.setItem(SETTINGS_KEY, JSON.stringify(full));
        run.localStorage!.removeItem(SEALED_SETTINGS_KEY);
        expect((await run.reopen!()).load()).toEqual(full);
        expect(readable(run.localStorage!.dump(), secrets)).toEqual([]);
        await afterReload().toEqual(full);
      });
    }
  });
}
