/**
 * The map packs the relay serves: the map already uses them while the relay
 * is reachable; "Keep on this phone" copies one into this phone's storage so
 * the map works after leaving the relay's hotspot.
 */
import { For, Show, type JSX } from 'solid-js';
import { formatBytes, t } from '../../i18n';
import { useVada } from '../../state';
import { packName } from './packText';

export function RelayPackList(): JSX.Element {
  const packs = useVada().mapPacks;
  return (
    <Show when={packs.relayPacks().length > 0}>
      <ul class="pack-list" data-testid="relay-pack-list">
        <For each={packs.relayPacks()}>
          {(p) => (
            <li data-testid="relay-pack-row" data-id={p.id} data-kept={p.kept ? 'true' : 'false'}>
              <span>{t('pack.onRelay', { name: packName(p), size: formatBytes(p.bytes) })}</span>{' '}
              <Show when={!p.kept} fallback={<span data-testid="pack-kept">{t('pack.kept')}</span>}>
                <button
                  type="button"
                  data-testid="pack-save"
                  aria-label={t('pack.keepLabel', { name: packName(p) })}
                  disabled={packs.task() !== undefined}
                  onClick={() => void packs.keep(p.id)}
                >
                  {t('pack.keep')}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
