/**
 * The app shell: the map fills the screen above a thumb-reachable bar; one
 * sheet at a time slides over the map. While a place is being picked the
 * sheet is hidden, not unmounted, so a half-filled form survives. Alert
 * banners sit on top of everything; the protest-mode bar above the bottom bar.
 * The first-run hint waits while a sheet, a picked place or a link's question
 * has the screen (src/state/createFirstRun.ts). Every sheet is its own chunk,
 * loaded when it first opens (lazySheets.ts): the entry holds only what draws
 * the map, the bar and the points.
 */
import { Match, Show, Switch, type JSX } from 'solid-js';
import { t } from '../../i18n';
import type { AppUpdates } from '../../platform/serviceWorker';
import { useVada, type Panel } from '../../state';
import { AlertBanners } from '../alerts/AlertBanner';
import { BottomBar } from './BottomBar';
import { CircleFilter } from '../circles/CircleFilter';
import { FirstRunHint } from './FirstRunHint';
import { InviteRefusedNotice } from '../circles/InviteRefusedNotice';
import { JoinDialog } from '../circles/JoinDialog';
import {
  CirclesSheet,
  DetailsSheet,
  ImportSheet,
  LinkSheet,
  ListSheet,
  ProposeSheet,
  SettingsSheet,
  ShareSheet,
  StackChooser,
} from './lazySheets';
import { MapPane } from './MapPane';
import { MapPointIndex } from './MapPointIndex';
import { PickBanner } from '../points/PickBanner';
import { ProtestBar } from '../points/ProtestBar';
import { UpdateBanner } from './UpdateBanner';

export function App(props: { tileUrl: string; tileAttribution: string; updates?: AppUpdates }): JSX.Element {
  const { ui } = useVada();
  const panel = ui.panel;
  /** The open panel when it is of `kind`, typed as such (for keyed Match). */
  const open =
    <K extends Panel['kind']>(kind: K) =>
    (): Extract<Panel, { kind: K }> | undefined => {
      const p = panel();
      return p.kind === kind ? (p as Extract<Panel, { kind: K }>) : undefined;
    };
  const proposing = open('propose');
  const details = open('details');
  const stack = open('stack');
  const sharing = open('share');
  const importing = open('import');
  return (
    <div
      class="app"
      classList={{ picking: ui.picking() !== undefined }}
      // A .vada file dropped anywhere opens the import sheet with it.
      onDragOver={(e) => e.dataTransfer?.types.includes('Files') && e.preventDefault()}
      onDrop={(e) => {
        const file = e.dataTransfer?.files[0];
        if (!file) return;
        e.preventDefault();
        ui.open({ kind: 'import', file });
      }}
    >
      <main class="map-area">
        {/* The page's one top heading, for screen readers; the map is the screen itself. */}
        <h1 class="visually-hidden">{t('app.name')}</h1>
        <MapPane tileUrl={props.tileUrl} tileAttribution={props.tileAttribution} />
        <MapPointIndex />
        <CircleFilter />
        <PickBanner />
        <Switch>
          <Match when={proposing()} keyed>
            {(p) => <ProposeSheet lat={p.lat} lon={p.lon} />}
          </Match>
          <Match when={details()} keyed>
            {(p) => <DetailsSheet id={p.id} />}
          </Match>
          <Match when={stack()} keyed>
            {(p) => <StackChooser ids={p.ids} />}
          </Match>
          <Match when={panel().kind === 'list'}>
            <ListSheet />
          </Match>
          <Match when={panel().kind === 'circles'}>
            <CirclesSheet />
          </Match>
          <Match when={panel().kind === 'settings'}>
            <SettingsSheet />
          </Match>
          <Match when={panel().kind === 'link'}>
            <LinkSheet />
          </Match>
          <Match when={sharing()} keyed>
            {(p) => <ShareSheet scope={p.scope} />}
          </Match>
          <Match when={importing()} keyed>
            {(p) => (
              <ImportSheet
                scan={p.scan === true}
                {...(p.file ? { file: p.file } : {})}
                {...(p.text ? { text: p.text } : {})}
              />
            )}
          </Match>
        </Switch>
        <Show when={props.updates} keyed>
          {(updates) => <UpdateBanner updates={updates} />}
        </Show>
        <FirstRunHint />
        <AlertBanners />
        <JoinDialog />
        <InviteRefusedNotice />
      </main>
      <ProtestBar />
      <BottomBar />
    </div>
  );
}
