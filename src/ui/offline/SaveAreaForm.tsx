/**
 * "Save this area": the current map view, a zoom depth to pick, the tile
 * count and rough size (or why it is refused) before anything starts, then a
 * progress bar with cancel while downloading. With an app PIN set it says
 * that saved tiles stay readable on a locked phone (their URLs are map
 * coordinates, and the PIN seals no tile), so the user chooses knowingly.
 */
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { viewBounds } from '../../domain/tiles';
import { formatBytes, t } from '../../i18n';
import { useVada } from '../../state';
import { refusalText } from './refusalText';

/** Zoom levels above the view kept too, so zooming out offline still shows something. */
const LEVELS_ABOVE = 2;
const DEEPEST_CHOICE = 19;

export interface SaveAreaFormProps {
  /** Whether an app PIN is set (injected in tests; default the store's device port). */
  pinSet?: () => boolean;
}

export function SaveAreaForm(props: SaveAreaFormProps = {}): JSX.Element {
  // Whether a PIN is set changes only through a reload.
  const store = useVada();
  const pinSet = (props.pinSet ?? store.device.pin.isSet)();
  const areas = store.savedAreas;
  const view = store.ui.currentView();
  const zoom = Math.max(0, Math.min(DEEPEST_CHOICE, Math.round(view.zoom)));
  const bounds = viewBounds(view.lat, view.lon, zoom, window.innerWidth, window.innerHeight);
  const choices = Array.from({ length: DEEPEST_CHOICE - zoom + 1 }, (_, i) => zoom + i);
  const [depth, setDepth] = createSignal(Math.min(DEEPEST_CHOICE, zoom + 2));
  const request = () => ({ bounds, minZoom: Math.max(0, zoom - LEVELS_ABOVE), maxZoom: depth() });
  const plan = createMemo(() => areas.plan(request()));
  const allowed = () => {
    const d = plan().decision;
    return d.ok ? d : undefined;
  };
  const refusal = () => {
    const d = plan().decision;
    return d.ok ? '' : refusalText(d);
  };
  const progress = () => areas.active()?.progress;
  return (
    <div data-testid="save-area-form">
      <Show when={pinSet}>
        <p class="hint" data-testid="area-pin-note">
          {t('offline.pinNote')}
        </p>
      </Show>
      <label>
        {t('offline.depth')}{' '}
        <select data-testid="area-depth" value={depth()} onChange={(e) => setDepth(Number(e.currentTarget.value))}>
          <For each={choices}>{(z) => <option value={z}>{z}</option>}</For>
        </select>
      </label>
      <Show
        when={allowed()}
        fallback={
          <p class="alert" role="alert" data-testid="area-refusal">
            {refusal()}
          </p>
        }
      >
        {(d) => (
          <p data-testid="area-estimate">
            {t('offline.estimate', { count: d().count, size: formatBytes(plan().estimateBytes) })}
          </p>
        )}
      </Show>
      <Show
        when={progress()}
        fallback={
          <button
            type="button"
            data-testid="save-area"
            disabled={!plan().decision.ok}
            onClick={() => void areas.save({ ...request(), name: '' })}
          >
            {t('offline.save')}
          </button>
        }
      >
        {(p) => (
          <>
            <progress data-testid="area-progress" max={p().total} value={p().done} />
            <p>{t('offline.progress', { done: p().done, total: p().total, size: formatBytes(p().bytes) })}</p>
            <button type="button" data-testid="cancel-download" onClick={() => areas.cancel()}>
              {t('offline.cancel')}
            </button>
          </>
        )}
      </Show>
      <Show when={areas.error()}>
        {(e) => {
          const p = e();
          return (
            <p class="alert" role="alert" data-testid="area-error">
              {p.kind === 'failed' ? t('offline.failed', { detail: p.detail }) : refusalText(p.refusal)}
            </p>
          );
        }}
      </Show>
    </div>
  );
}
