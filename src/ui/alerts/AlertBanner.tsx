/**
 * Alerts that must not be missed: banners above the map and every sheet,
 * newest on top. Only one is expanded (the newest, or the one the user
 * expanded); the others stack as one line each, so several alerts do not
 * cover the map — at most three at once plus "n more". Each says in words and
 * icons what happened (kind), how far to trust it, where (the point's title,
 * as text) and, expanded, where to reappear after a dispersal that names one.
 */
import { createSignal, For, onCleanup, Show, type JSX } from 'solid-js';
import type { LatLon, RecordId } from '../../domain';
import { t } from '../../i18n';
import { useVada } from '../../state';
import type { AlertBannerItem } from '../../state/alertTypes';
import { KIND_ICON, kindLabel, reasonsText } from './alertText';
import { wayBetween, wayText } from '../common/direction';
import { TrustBadge } from './TrustBadge';

/** Banners on screen at once: the expanded one and two one-line rows. */
const VISIBLE = 3;

export function AlertBanners(): JSX.Element {
  const store = useVada();
  const banners = () => store.alerts.banners();
  const [chosen, setChosen] = createSignal<string>();
  // The one the user expanded while it is still there, else the newest.
  const expanded = () => {
    const list = banners();
    const key = chosen();
    return key !== undefined && list.some((b) => b.key === key) ? key : list[0]?.key;
  };
  // Sheets shrink to leave the banners' height free, so a banner never covers a sheet's close button.
  const measure = (el: HTMLDivElement) => {
    const app = el.closest<HTMLElement>('.app');
    if (!app || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => app.style.setProperty('--alert-banners-h', `${el.offsetHeight}px`));
    ro.observe(el);
    onCleanup(() => {
      ro.disconnect();
      app.style.removeProperty('--alert-banners-h');
    });
  };
  return (
    <Show when={banners().length > 0}>
      <div class="alert-banners" aria-label={t('alert.banner.label')} ref={(el) => queueMicrotask(() => measure(el))}>
        <For each={banners().slice(0, VISIBLE)}>
          {(item) => (
            <Show
              when={item.key === expanded()}
              fallback={<CompactAlertBanner item={item} onExpand={() => setChosen(item.key)} />}
            >
              <AlertBanner item={item} />
            </Show>
          )}
        </For>
        <Show when={banners().length > VISIBLE}>
          <p class="alert-more" data-testid="alert-banner-more">
            {t('alert.banner.more', { count: banners().length - VISIBLE })}
          </p>
        </Show>
      </div>
    </Show>
  );
}

/** What a banner says in words: kind and title, trust, reasons (peer text rendered as text). */
function AlertText(props: { item: AlertBannerItem }): JSX.Element {
  const s = () => props.item.status;
  return (
    <p class="alert-text" data-testid="alert-banner-text">
      <strong>{t('alert.banner.text', { kind: kindLabel(s().kind), title: props.item.title })}</strong>{' '}
      <TrustBadge trust={s().trust} reports={s().reports} />
      <Show when={reasonsText(s().reasons)}>{(r) => <span class="alert-reasons"> {r()}</span>}</Show>
    </p>
  );
}

/** The attributes every banner carries, compact or not (tests and styles select on them). */
function bannerAttrs(item: AlertBannerItem, compact: boolean) {
  const s = item.status;
  return {
    class: `alert-banner alert-${s.kind} trust-${s.trust}${compact ? ' alert-compact' : ''}`,
    role: 'alert',
    'data-testid': 'alert-banner',
    'data-kind': s.kind,
    'data-trust': s.trust,
    'data-point-id': s.point,
    'data-reports': s.reports,
    'data-compact': compact ? 'true' : 'false',
  } as const;
}

/** An older banner on one line: icon and words, a button to expand it and one to dismiss it. */
export function CompactAlertBanner(props: { item: AlertBannerItem; onExpand: () => void }): JSX.Element {
  const store = useVada();
  return (
    <div {...bannerAttrs(props.item, true)}>
      <span class="alert-icon" aria-hidden="true">
        {KIND_ICON[props.item.status.kind]}
      </span>
      <button
        type="button"
        class="alert-expand"
        data-testid="alert-banner-expand"
        aria-expanded="false"
        title={t('alert.banner.expandLabel', { title: props.item.title })}
        onClick={() => props.onExpand()}
      >
        <AlertText item={props.item} />
      </button>
      <button
        type="button"
        class="alert-dismiss-compact"
        data-testid="alert-banner-dismiss"
        aria-label={t('alert.banner.dismissLabel', { title: props.item.title })}
        onClick={() => store.alerts.dismiss(props.item.key)}
      >
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}

interface Target {
  readonly title: string;
  readonly place: LatLon;
  readonly point?: RecordId;
}

export function AlertBanner(props: { item: AlertBannerItem }): JSX.Element {
  const store = useVada();
  const s = () => props.item.status;
  // Where a confirmed dispersal sends the crowd: a point it names, or the fallback place it opened.
  const target = (): Target | undefined => {
    const st = s();
    if (st.kind !== 'disperse') return undefined;
    const view = store.point(st.point);
    const pointId = st.reappear ?? view?.reappearAt;
    const tp = pointId ? store.point(pointId) : undefined;
    if (tp) return { title: tp.title, place: { lat: tp.lat, lon: tp.lon }, point: tp.id };
    const place = st.fallback?.place ?? view?.reappearPlace;
    return place ? { title: place.label, place: { lat: place.lat, lon: place.lon } } : undefined;
  };
  const show = () => {
    const p = store.point(s().point);
    store.ui.open({ kind: 'details', id: s().point });
    if (p) store.ui.flyTo(p.lat, p.lon);
  };
  const go = (tg: Target) => {
    if (tg.point) store.ui.setHighlight(tg.point);
    store.ui.flyTo(tg.place.lat, tg.place.lon);
  };
  return (
    <div {...bannerAttrs(props.item, false)}>
      <span class="alert-icon" aria-hidden="true">
        {KIND_ICON[s().kind]}
      </span>
      <div class="alert-body">
        <AlertText item={props.item} />
        <Show when={target()}>
          {(tg) => (
            <p class="alert-reappear" data-testid="alert-banner-reappear">
              <span>{t('alert.reappearAt', { title: tg().title })}</span>
              <Show when={store.location.position()}>
                {(me) => {
                  const way = () => wayBetween(me(), tg().place);
                  return (
                    <span class="alert-way" data-testid="alert-banner-way">
                      {' '}
                      <span class="arrow" aria-hidden="true" style={{ transform: `rotate(${way().degrees}deg)` }}>
                        ↑
                      </span>{' '}
                      {wayText(way().meters, way().degrees)}
                    </span>
                  );
                }}
              </Show>
            </p>
          )}
        </Show>
        <div class="alert-actions">
          <Show when={target()}>
            {(tg) => (
              <button type="button" class="primary" data-testid="alert-banner-go" onClick={() => go(tg())}>
                {t('alert.banner.go')}
              </button>
            )}
          </Show>
          <button type="button" data-testid="alert-banner-show" onClick={show}>
            {t('alert.banner.show')}
          </button>
          <button
            type="button"
            data-testid="alert-banner-dismiss"
            aria-label={t('alert.banner.dismissLabel', { title: props.item.title })}
            onClick={() => store.alerts.dismiss(props.item.key)}
          >
            {t('alert.banner.dismiss')}
          </button>
        </div>
      </div>
    </div>
  );
}
