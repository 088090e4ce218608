/**
 * Receiving by hand: paste text (SMS, messenger), open or drop a .vada file,
 * or scan QR codes with the in-app scanner (which also reads circle invites,
 * so the phone's camera app never sees a key). What was read is shown before
 * it is merged; merged records are passed on to a relay once one is reachable.
 */
import { createSignal, createUniqueId, Match, onMount, Show, Switch, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { useVada, type ReadOutcome, type ScanFeedback } from '../../state';
import { ImportPreview } from './ImportPreview';
import { importRefusalKey } from './importRefusalText';
import { QrScanner } from './QrScanner';
import { Sheet } from '../common/Sheet';

type Note =
  { readonly kind: 'nothing' | 'too-large' | 'unreadable' } | { readonly kind: 'merged'; readonly count: number };

export function ImportSheet(props: { scan?: boolean; file?: Blob; text?: string }): JSX.Element {
  const store = useVada();
  const handover = store.handover;
  const textId = createUniqueId();
  const [text, setText] = createSignal('');
  // Only how the sheet opens: the camera then comes and goes with the user's taps.
  // eslint-disable-next-line solid/reactivity -- read once, on purpose
  const [scanning, setScanning] = createSignal(props.scan === true);
  const [scanStatus, setScanStatus] = createSignal<string>();
  const [note, setNote] = createSignal<Note>();

  const outcome = (o: ReadOutcome) => {
    if (o === 'invite') store.ui.close();
    else if (o === 'nothing') setNote({ kind: 'nothing' });
  };
  const readText = async (value: string) => {
    setNote(undefined);
    outcome(await handover.readText(value));
  };
  const readFile = async (file: Blob | undefined) => {
    if (!file) return;
    setNote(undefined);
    const r = await store.device.files.read(file);
    if (r.ok) await readText(r.text);
    else setNote({ kind: r.reason });
  };
  const onScan = (value: string) => {
    const f: ScanFeedback = handover.scan(value);
    if (f.kind === 'part') setScanStatus(t('import.scanProgress', { have: f.have, total: f.total }));
    else if (f.kind === 'refused') setScanStatus(t(importRefusalKey(f.code)));
    else if (f.kind === 'unknown') setScanStatus(t('import.scanUnknown'));
    else {
      setScanning(false);
      setScanStatus(undefined);
      if (f.kind === 'invite') store.ui.close();
    }
  };
  const stopScan = () => {
    setScanning(false);
    setScanStatus(undefined);
    handover.resetScan();
  };
  const merge = async () => {
    setNote({ kind: 'merged', count: await handover.merge() });
    setText('');
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    void readFile(e.dataTransfer?.files[0]);
  };
  // Opened with something already: a dropped or launched file, or text shared to the app.
  // The bundle code is normally here already (the sheet's loader waits for it); scanning needs it.
  if (!handover.ready()) handover.load().catch(() => undefined);
  onMount(() => {
    if (props.file) void readFile(props.file);
    else if (props.text) void readText(props.text);
  });

  return (
    <Sheet title={t('import.heading')} testId="import-sheet" onClose={() => store.ui.close()}>
      <div class="import-body" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        <Switch>
          <Match when={handover.checking()}>
            <p role="status" data-testid="import-checking">
              {t('import.checking')}
            </p>
          </Match>
          <Match when={handover.preview()}>
            {(p) => <ImportPreview preview={p()} onMerge={() => void merge()} onDiscard={() => handover.discard()} />}
          </Match>
          <Match when={scanning()}>
            <QrScanner onText={onScan} onClose={stopScan} {...(scanStatus() ? { status: scanStatus() } : {})} />
          </Match>
          <Match when={true}>
            <p class="hint">{t('import.explain')}</p>
            <button type="button" class="primary" data-testid="import-scan" onClick={() => setScanning(true)}>
              {t('import.scan')}
            </button>
            <label for={textId}>{t('import.pasteLabel')}</label>
            <textarea
              id={textId}
              rows={4}
              spellcheck={false}
              autocomplete="off"
              data-testid="import-text"
              value={text()}
              onInput={(e) => setText(e.currentTarget.value)}
            />
            <button
              type="button"
              data-testid="import-read"
              disabled={text().trim() === ''}
              onClick={() => void readText(text())}
            >
              {t('import.read')}
            </button>
            <label class="file-pick">
              {t('import.file')}
              <input
                type="file"
                accept=".vada,.txt,text/plain,application/x-vada"
                data-testid="import-file"
                onChange={(e) => void readFile(e.currentTarget.files?.[0])}
              />
            </label>
            <p class="hint">{t('import.dropHint')}</p>
          </Match>
        </Switch>
        <Show when={note()}>
          {(n) => (
            <p role="status" class="hint" data-testid="import-note" data-note={n().kind}>
              {noteText(n())}
            </p>
          )}
        </Show>
      </div>
    </Sheet>
  );
}

function noteText(n: Note): string {
  switch (n.kind) {
    case 'merged':
      return t('import.merged', { count: n.count });
    case 'nothing':
      return t('import.noBundle');
    case 'too-large':
      return t('import.fileTooLarge');
    case 'unreadable':
      return t('import.fileUnreadable');
  }
}
