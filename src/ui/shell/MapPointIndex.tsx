/**
 * The map's markers are drawn on a canvas, which has no DOM and no keyboard
 * access. This is their accessible counterpart, hidden until focused: a
 * search box (by title) and the matching points one page of PAGE_SIZE at a
 * time, with Previous/Next page and "Showing 1–20 of N". It used to hold
 * one hidden button per point, each with a clock label re-rendered every
 * second: with 10,000 points that cost 7 % of the CPU and no one can browse
 * it (issue 15). Now only the page's rows exist and carry live labels.
 * Browser tests find markers here by data-point-id / data-state, a point's
 * headline alert by data-alert="<kind>:<trust>", its circle by data-circle;
 * the nav's data-total counts every point on the map. Only the points the
 * circle filter lets through are listed, like on the map.
 */
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import type { AlertStatus, PointView } from '../../domain';
import { formatClock, locale, t } from '../../i18n';
import { useVada } from '../../state';
import { kindLabel, trustLabel } from '../alerts/alertText';
import { stateLabel } from '../points/pointText';

/** Rows per page: enough to browse, few enough that each keeps a live label. */
export const PAGE_SIZE = 20;

const alertSuffix = (h: AlertStatus) => `${kindLabel(h.kind)} (${trustLabel(h.trust)})`;

export function MapPointIndex(): JSX.Element {
  const store = useVada();
  const [query, setQuery] = createSignal('');
  const [page, setPage] = createSignal(0);
  const matches = createMemo(() => {
    const q = query().trim().toLocaleLowerCase(locale());
    const all = store.visiblePoints();
    return q === '' ? all : all.filter((p) => p.title.toLocaleLowerCase(locale()).includes(q));
  });
  const pages = () => Math.max(1, Math.ceil(matches().length / PAGE_SIZE));
  // A page past the end (points left, or the search narrowed) shows the last one.
  const current = () => Math.min(page(), pages() - 1);
  const rows = createMemo(() => matches().slice(current() * PAGE_SIZE, (current() + 1) * PAGE_SIZE));
  // The rows' times read "now" only for whether a time is today (formatClock): this moves once a day,
  // so a record arriving (which re-reads the clock) does not re-label every row (bench:propose).
  const today = createMemo(() => store.now(), undefined, { equals: sameDay });
  let prevButton!: HTMLButtonElement;
  let nextButton!: HTMLButtonElement;
  /** Turns the page; a button that just became disabled hands focus to the other, so the index stays open. */
  const turn = (by: number) => {
    setPage(current() + by);
    if (by > 0 && nextButton.disabled) prevButton.focus();
    if (by < 0 && prevButton.disabled) nextButton.focus();
  };
  const search = (text: string) => {
    setQuery(text);
    setPage(0);
  };
  return (
    <nav
      class="map-index"
      aria-label={t('map.index')}
      data-testid="map-index"
      data-total={store.visiblePoints().length}
    >
      <input
        type="search"
        data-testid="map-index-search"
        aria-label={t('map.indexSearch')}
        placeholder={t('map.indexSearch')}
        value={query()}
        onInput={(e) => search(e.currentTarget.value)}
      />
      <p data-testid="map-index-count" aria-live="polite">
        {matches().length === 0
          ? t('map.indexNone')
          : t('map.indexShowing', {
              from: current() * PAGE_SIZE + 1,
              to: current() * PAGE_SIZE + rows().length,
              total: matches().length,
            })}
      </p>
      <ul>
        <For each={rows()}>{(p) => <IndexRow point={p} today={today()} />}</For>
      </ul>
      <Show when={pages() > 1}>
        <div class="button-row">
          <button
            type="button"
            ref={prevButton}
            data-testid="map-index-previous"
            disabled={current() === 0}
            onClick={() => turn(-1)}
          >
            {t('map.indexPrevious')}
          </button>
          <button
            type="button"
            ref={nextButton}
            data-testid="map-index-next"
            disabled={current() >= pages() - 1}
            onClick={() => turn(1)}
          >
            {t('map.indexNext')}
          </button>
        </div>
      </Show>
    </nav>
  );
}

/** Two times on the same local day (what formatClock reads of its `now`). */
const sameDay = (a: number, b: number) => new Date(a).toDateString() === new Date(b).toDateString();

/** `today`: a time on the current local day, for formatClock. */
function IndexRow(props: { point: PointView; today: number }): JSX.Element {
  const store = useVada();
  const p = () => props.point;
  const head = () => p().alerts?.headline;
  const alertAttr = () => {
    const h = head();
    return h && `${h.kind}:${h.trust}`;
  };
  const alertText = () => {
    const h = head();
    return h ? ` · ${alertSuffix(h)}` : '';
  };
  return (
    <li>
      <button
        type="button"
        data-point-id={p().id}
        data-circle={p().circle}
        data-state={p().state}
        data-reappear-target={p().reappearFrom ? 'true' : undefined}
        data-alert={alertAttr()}
        // The headline alert rides in the title's slot: the visible text ("title · alert")
        // must be part of the name, or speech users cannot say what they see (axe:
        // label-content-name-mismatch), and the alert is heard before the times.
        aria-label={t('map.pointLabel', {
          title: p().title + alertText(),
          state: stateLabel(p().state),
          start: formatClock(p().start, props.today),
          end: formatClock(p().end, props.today),
        })}
        onClick={() => {
          store.ui.open({ kind: 'details', id: p().id });
          store.ui.flyTo(p().lat, p().lon);
        }}
      >
        <span class="point-title" dir="auto">
          {p().title}
        </span>
        {/* Text inside JSX, so it follows a headline that changes (caution, then disperse). */}
        {alertText()}
      </button>
    </li>
  );
}
