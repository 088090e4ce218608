/**
 * Every screen in every language: each sheet, dialog, bar and banner is
 * rendered in each locale and everything a person can read or hear (text,
 * aria-label, placeholder, title) is checked: no `{placeholder}` left
 * unfilled, no message key shown instead of text, and — outside English — no
 * English sentence left behind (a key missing from a catalogue falls back to
 * English, so this is what a missing key looks like on screen).
 */
import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import type { JSX } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordId } from '../../../src/domain';
import { loadCatalogue, LOCALES, setLocale, type Locale } from '../../../src/i18n';
import type { Message } from '../../../src/i18n/catalogue';
import { en } from '../../../src/i18n/locales/en';
import { emptyDraft } from '../../../src/state';
import { AlertBanners } from '../../../src/ui/alerts/AlertBanner';
import { BottomBar } from '../../../src/ui/shell/BottomBar';
import { CirclesSheet } from '../../../src/ui/circles/CirclesSheet';
import { DetailsSheet } from '../../../src/ui/points/DetailsSheet';
import { FirstRunHint } from '../../../src/ui/shell/FirstRunHint';
import { ImportSheet } from '../../../src/ui/handover/ImportSheet';
import { LinkSheet } from '../../../src/ui/links/LinkSheet';
import { ListSheet } from '../../../src/ui/points/ListSheet';
import { LockScreen } from '../../../src/ui/safety/LockScreen';
import { PanicWipeConfirm } from '../../../src/ui/safety/PanicWipeConfirm';
import { ProposeSheet } from '../../../src/ui/points/ProposeSheet';
import { ProtestBar } from '../../../src/ui/points/ProtestBar';
import { SecureContextHelp } from '../../../src/ui/shell/SecureContextHelp';
import { SettingsSheet } from '../../../src/ui/settings/SettingsSheet';
import { ShareSheet } from '../../../src/ui/handover/ShareSheet';
import { StackChooser } from '../../../src/ui/points/StackChooser';
import { StartupError } from '../../../src/ui/shell/StartupError';
import { UpdateBanner } from '../../../src/ui/shell/UpdateBanner';
import { browserDevice } from '../../../src/platform/devicePorts';
import { createLinkAdapter } from '../../../src/sync/linkAdapter';
import { ConnectionIndicator } from '../../../src/ui/shell/ConnectionIndicator';
import { OfflineSettings } from '../../../src/ui/offline/OfflineSettings';
import { fakePackStore, packRecord } from '../../fixtures/fakePackStore';
import { fakeLinkNet } from '../../fixtures/fakePhoneLink';
import { cleanup, renderVada } from '../../fixtures/renderVada';
import { makeDevice, makeWorld, type Device, type World } from '../../fixtures/vadaHarness';

const devices: Device[] = [];
afterEach(async () => {
  cleanup();
  for (const d of devices.splice(0)) d.dispose();
  await setLocale('en');
});

/** Peer titles with no Latin letters, so any Latin words on screen are the app's own. */
const TITLE = 'Плошча 1';
const OTHER_TITLE = '廣場 2';

const forms = (m: Message): string[] =>
  typeof m === 'string' ? [m] : Object.values(m).filter((x): x is string => !!x);
const KEYS = new Set(Object.keys(en));
/** Names and technical words every language keeps as they are (addresses, the app's name, PIN, QR, SMS). */
const TECHNICAL = /\b(?:https?|wss?):\/\/\S+|\b(?:Vada|PIN|QR|SMS|GUN|Wi-?Fi|Ed25519|WebCrypto)\b/g;

/** Everything readable or audible under `root`: text nodes and the labelling attributes. */
function readable(root: ParentNode): string[] {
  const out: string[] = [];
  const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent?.trim();
    // Text marked as another language (a language's own name, "Language" for who cannot read the rest) is meant.
    const marked = n.parentElement?.closest('[lang]');
    if (marked && marked !== document.documentElement && marked.getAttribute('lang') !== document.documentElement.lang)
      continue;
    if (text && n.parentElement?.closest('script, style') === null) out.push(text);
  }
  for (const el of root.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
    for (const a of ['aria-label', 'placeholder', 'title', 'alt']) {
      const v = el.getAttribute(a)?.trim();
      if (v) out.push(v);
    }
  }
  return out;
}

/**
 * What is wrong with the readable strings in `locale`: unfilled placeholders,
 * message keys, and (outside English) English text — a whole English message
 * without placeholders, or two English words in a row.
 */
export function untranslated(
  strings: readonly string[],
  locale: Locale,
  catalogue: Readonly<Record<string, Message>>,
): string[] {
  const problems: string[] = [];
  const localTexts = new Set(Object.values(catalogue).flatMap(forms));
  const englishOnly = new Set(
    Object.values(en)
      .flatMap((m) => forms(m as Message))
      .filter((s) => !/\{\w+\}/.test(s) && !localTexts.has(s)),
  );
  for (const s of strings) {
    if (/\{\w+\}/.test(s)) problems.push(`placeholder left: ${s}`);
    if (KEYS.has(s)) problems.push(`key shown: ${s}`);
    if (locale === 'en') continue;
    if (englishOnly.has(s)) problems.push(`English: ${s}`);
    else if (/\b[A-Za-z]{3,}[ ,]+[A-Za-z]{3,}\b/.test(s.replace(TECHNICAL, ''))) problems.push(`English words: ${s}`);
  }
  return problems;
}

interface Scene {
  readonly name: string;
  render(world: World): Promise<HTMLElement>;
}

async function pointBy(world: World, title: string): Promise<{ device: Device; id: RecordId }> {
  const device = await makeDevice(world);
  devices.push(device);
  const r = await device.store.propose({ ...emptyDraft(53.9, 27.56), title, durationMin: 45 });
  if (!r.ok) throw new Error('propose failed');
  return { device, id: r.id };
}

const mount = async (world: World, view: () => JSX.Element) => (await renderVada(world, view)).container;

/** The link sheet and the bar on a fake link network, with a camera that reads what `show` is given. */
async function linkScene(world: World) {
  let show: (text: string) => void = () => {};
  const net = fakeLinkNet(() => world.clock.now());
  const r = await renderVada(
    world,
    () => (
      <>
        <ConnectionIndicator />
        <LinkSheet />
      </>
    ),
    {
      links: { port: net.port(), adapter: createLinkAdapter({ clock: world.clock }) },
      device: {
        ...browserDevice(),
        startQrScanner: (_video, onText) => {
          show = onText;
          return Promise.resolve({ decoder: 'jsqr', stop: () => {} });
        },
      },
    },
  );
  return { ...r, net, show: (text: string) => show(text) };
}

const SCENES: readonly Scene[] = [
  {
    name: 'bar, protest bar and an alert banner',
    async render(world) {
      const { device, id } = await pointBy(world, TITLE);
      const r = await renderVada(world, () => (
        <>
          <AlertBanners />
          <ProtestBar />
          <BottomBar />
        </>
      ));
      await waitFor(() => expect(r.store.point(id)).toBeDefined());
      r.store.follows.follow(id);
      await device.store.raiseAlert(id, { kind: 'disperse', reason: 'police' });
      await screen.findByTestId('alert-banner');
      return r.container;
    },
  },
  {
    name: 'propose, with every optional part open',
    async render(world) {
      const c = await mount(world, () => <ProposeSheet lat={53.9} lon={27.56} />);
      for (const d of c.querySelectorAll('details')) d.open = true;
      for (const b of c.querySelectorAll<HTMLElement>('button[aria-expanded=false]')) fireEvent.click(b);
      fireEvent.click(screen.getByTestId('propose-submit'));
      await screen.findAllByTestId(/^error-/);
      return c;
    },
  },
  {
    name: "details of one's own point, with the dispersal form open",
    async render(world) {
      const { device, id } = await pointBy(world, TITLE);
      await pointBy(world, OTHER_TITLE);
      const r = await renderVada(world, () => <DetailsSheet id={id} />, { identity: device.identity });
      await screen.findByTestId('raise-disperse');
      fireEvent.click(screen.getByTestId('raise-disperse'));
      await screen.findByTestId('disperse-alert-form');
      return r.container;
    },
  },
  {
    name: "details of another device's point",
    async render(world) {
      const { id } = await pointBy(world, TITLE);
      const r = await renderVada(world, () => <DetailsSheet id={id} />);
      await screen.findByTestId('raise-caution');
      return r.container;
    },
  },
  {
    name: 'list',
    async render(world) {
      await pointBy(world, TITLE);
      const c = await mount(world, () => <ListSheet />);
      await waitFor(() => expect(c.textContent).toContain(TITLE));
      return c;
    },
  },
  { name: 'circles', render: (world) => mount(world, () => <CirclesSheet />) },
  {
    name: 'first-run hint',
    async render(world) {
      const c = await mount(world, () => <FirstRunHint />);
      await screen.findByTestId('first-run-hint');
      return c;
    },
  },
  {
    name: 'stacked points chooser',
    async render(world) {
      const ids = [(await pointBy(world, TITLE)).id, (await pointBy(world, OTHER_TITLE)).id];
      const c = await mount(world, () => <StackChooser ids={ids} />);
      await waitFor(() => expect(c.textContent).toContain(OTHER_TITLE));
      return c;
    },
  },
  { name: 'settings', render: (world) => mount(world, () => <SettingsSheet />) },
  {
    name: 'link a nearby phone: this phone’s code with its countdown',
    async render(world) {
      const r = await linkScene(world);
      fireEvent.click(screen.getByTestId('link-start'));
      await screen.findByTestId('link-offer-qr');
      return r.container;
    },
  },
  {
    name: 'link a nearby phone: scanning, a refused code, then linked with the bar counting it',
    async render(world) {
      const r = await linkScene(world);
      const other = await makeDevice(world, { links: { port: r.net.port(), adapter: createLinkAdapter() } });
      devices.push(other);
      fireEvent.click(screen.getByTestId('link-join'));
      await screen.findByTestId('qr-scanner');
      await waitFor(() => expect(screen.getByTestId('qr-scanner-status').textContent).not.toBe(''));
      r.show('VADA:0123');
      await screen.findByTestId('link-refusal');
      const refused = r.container.cloneNode(true) as HTMLElement;
      other.store.links.start();
      await waitFor(() => expect(other.store.links.flow().state).toBe('offering'));
      const offer = other.store.links.flow();
      r.show('code' in offer ? offer.code : '');
      const answer = (await screen.findByTestId('link-answer-qr')).getAttribute('data-code') ?? '';
      other.store.links.scanAnswer();
      other.store.links.answerScanned(answer);
      await screen.findByTestId('link-count');
      r.container.append(...refused.childNodes);
      return r.container;
    },
  },
  {
    name: 'share a point',
    async render(world) {
      const { device, id } = await pointBy(world, TITLE);
      // As in the app, where the sheet's loader waits for the bundle code (src/ui/shell/lazySheets.ts).
      await device.store.handover.load();
      const r = await renderVada(world, () => <ShareSheet scope={{ point: id }} />, { identity: device.identity });
      await waitFor(() => expect(r.container.textContent).toContain(TITLE));
      return r.container;
    },
  },
  {
    name: 'import, with a preview and a refusal',
    async render(world) {
      // From a device in another world: here the point is new (the same world could sync it first).
      const { device, id } = await pointBy(await makeWorld(), TITLE);
      await device.store.handover.load();
      const text = device.store.handover.share({ point: id })?.text;
      const c = await mount(world, () => <ImportSheet text={`${text ?? ''}\nvada1:broken`} />);
      await waitFor(() => expect(c.textContent).toContain(TITLE));
      return c;
    },
  },
  {
    name: 'offline maps: a pack listed, a relay pack, a refusal, then an import in progress',
    async render(world) {
      const store = fakePackStore([packRecord('aaaaaaaa', { name: 'Плошча' })]);
      const relayPack = { ...packRecord('r'), url: 'https://relay.test/packs/x.pmtiles', name: 'Горад' };
      const r = await renderVada(world, () => <OfflineSettings />, { packs: { store, relayPacks: [relayPack] } });
      await screen.findByTestId('pack-row');
      void r.store.mapPacks.importFile(new Blob(['x']), 'карта.pmtiles');
      store.imports[0]?.refuse('not-pmtiles');
      const refusal = await screen.findByTestId('pack-problem');
      const refused = refusal.cloneNode(true);
      void r.store.mapPacks.importFile(new Blob([new Uint8Array(10)]), 'горад.pmtiles');
      store.imports[1]?.progress(4, 10);
      await screen.findByTestId('pack-progress');
      r.container.append(refused);
      return r.container;
    },
  },
  {
    name: 'lock screen, panic wipe, secure address help, startup error, update',
    async render(world) {
      return mount(world, () => (
        <>
          <LockScreen unlock={() => new Promise(() => {})} onUnlocked={() => {}} onDuress={() => {}} />
          <PanicWipeConfirm />
          <SecureContextHelp address="https://192.168.1.2:8443/" relayHasTls={true} />
          <StartupError error={new Error('x')} />
          <UpdateBanner updates={{ waiting: () => true, subscribe: () => () => {}, apply: () => {} }} />
        </>
      ));
    },
  },
];

describe('every screen in every language', () => {
  it('the check finds English left in a translated screen, keys and placeholders', async () => {
    const ru = await loadCatalogue('ru');
    expect(untranslated(['Publish point', 'Опубликовать'], 'ru', ru)).toEqual(['English: Publish point']);
    expect(untranslated(['Reappear at the library'], 'ru', ru)).toEqual(['English words: Reappear at the library']);
    expect(untranslated(['bar.propose', 'Ends {time}'], 'en', en)).toEqual([
      'key shown: bar.propose',
      'placeholder left: Ends {time}',
    ]);
  });

  describe.each(LOCALES.map((l) => [l] as const))('%s', (locale) => {
    it.each(SCENES.map((s) => [s.name, s] as const))('%s', async (_name, scene) => {
      const catalogue = await loadCatalogue(locale);
      await setLocale(locale);
      const container = await scene.render(await makeWorld());
      const strings = readable(container);
      expect(strings.length).toBeGreaterThan(3);
      expect(untranslated(strings, locale, catalogue)).toEqual([]);
    });
  });
});
