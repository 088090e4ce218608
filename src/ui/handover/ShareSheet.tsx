/**
 * Hand-over: a point (with its alerts, co-organizers and where to reappear)
 * or a circle's live points, as the records exactly as signed, in three
 * forms — text for SMS and messengers, QR codes to show, a file for
 * Bluetooth or Quick Share. The receiving phone checks every signature
 * itself, so the bundle adds no trust; who can read it is said plainly.
 */
import { createMemo, createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import type { CircleId } from '../../domain';
import { smsSegments } from '../../domain/smsSegments';
import { t } from '../../i18n';
import type { FileShareOutcome } from '../../platform/bundleFile';
import { useVada, type ShareBundle, type ShareScope } from '../../state';
import { BundleQr } from './BundleQr';
import { circleLabelOf } from '../circles/circleText';
import { Sheet } from '../common/Sheet';

type Form = 'text' | 'qr' | 'file';
const FORMS: readonly Form[] = ['text', 'qr', 'file'];

export function ShareSheet(props: { scope: ShareScope }): JSX.Element {
  const store = useVada();
  // The bundle code is normally here already (the sheet's loader waits for it); if not, it fills in.
  if (!store.handover.ready()) store.handover.load().catch(() => undefined);
  const bundle = createMemo(() => store.handover.share(props.scope));
  const circle = (): CircleId | undefined =>
    'circle' in props.scope ? props.scope.circle : store.point(props.scope.point)?.circle;
  const title = () =>
    'point' in props.scope
      ? t('share.pointHeading', { title: store.point(props.scope.point)?.title ?? '' })
      : t('share.circleHeading', { circle: circleLabelOf((id) => store.circles.get(id), props.scope.circle) });
  const [form, setForm] = createSignal<Form>('text');
  return (
    <Sheet title={title()} testId="share-sheet" onClose={() => store.ui.close()}>
      <Show
        when={bundle()}
        fallback={
          <Show when={store.handover.ready()}>
            <p data-testid="share-empty">{t('share.empty')}</p>
          </Show>
        }
      >
        {(b) => (
          <>
            <p data-testid="share-summary">
              {[
                t('share.points', { count: b().points }),
                t('share.alerts', { count: b().alerts }),
                t('share.records', { count: b().records }),
              ].join(' · ')}
            </p>
            <Show when={b().leftOut > 0}>
              <p class="hint" data-testid="share-left-out">
                {t('share.leftOut', { count: b().leftOut })}
              </p>
            </Show>
            <div class="segmented" role="tablist" aria-label={t('share.formLabel')}>
              <For each={FORMS}>
                {(f) => (
                  <button
                    type="button"
                    role="tab"
                    aria-selected={form() === f}
                    data-testid={`share-form-${f}`}
                    onClick={() => setForm(f)}
                  >
                    {t(`share.form.${f}`)}
                  </button>
                )}
              </For>
            </div>
            <Switch>
              <Match when={form() === 'text'}>
                <ShareText bundle={b()} />
              </Match>
              <Match when={form() === 'qr'}>
                <BundleQr parts={b().qrParts} />
              </Match>
              <Match when={form() === 'file'}>
                <ShareFile bundle={b()} />
              </Match>
            </Switch>
            <p class="hint" data-testid="share-audience">
              {store.circles.get(circle() ?? ('' as CircleId))?.isPublic === false
                ? t('share.audiencePrivate', {
                    circle: circleLabelOf((id) => store.circles.get(id), circle() as CircleId),
                  })
                : t('share.audiencePublic')}
            </p>
          </>
        )}
      </Show>
    </Sheet>
  );
}

function ShareText(props: { bundle: ShareBundle }): JSX.Element {
  const { device } = useVada();
  const [copied, setCopied] = createSignal<boolean>();
  let field!: HTMLTextAreaElement;
  const copy = async () => {
    const ok = await device.copyText(props.bundle.text);
    setCopied(ok);
    if (!ok) field.select();
  };
  return (
    <div class="share-text">
      <textarea
        ref={field}
        readOnly
        rows={6}
        spellcheck={false}
        autocomplete="off"
        aria-label={t('share.textLabel')}
        data-testid="share-text"
        value={props.bundle.text}
        onFocus={(e) => e.currentTarget.select()}
      />
      <p class="hint" data-testid="share-text-size">
        {t('share.textSize', { chars: props.bundle.text.length, sms: smsSegments(props.bundle.text) })}
      </p>
      <button type="button" class="primary" data-testid="share-copy" onClick={() => void copy()}>
        {t('share.copy')}
      </button>
      <Show when={copied() !== undefined}>
        <p role="status" class="hint" data-testid="share-copied">
          {copied() ? t('share.copied') : t('share.copyFailed')}
        </p>
      </Show>
    </div>
  );
}

function ShareFile(props: { bundle: ShareBundle }): JSX.Element {
  const { files } = useVada().device;
  const [outcome, setOutcome] = createSignal<FileShareOutcome>();
  const name = () => `vada-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}`;
  return (
    <div class="share-file">
      <p class="hint">{t('share.fileHint')}</p>
      <div class="button-row">
        <Show when={files.canShare()}>
          <button
            type="button"
            class="primary"
            data-testid="share-file-send"
            onClick={() => void files.share(props.bundle.text, name()).then(setOutcome)}
          >
            {t('share.fileSend')}
          </button>
        </Show>
        <button
          type="button"
          data-testid="share-file-save"
          onClick={() => setOutcome(files.download(props.bundle.text, name()))}
        >
          {t('share.fileSave')}
        </button>
      </div>
      <Show when={outcome()}>
        {(o) => (
          <p role="status" class="hint" data-testid="share-file-outcome" data-outcome={o()}>
            {t(`share.file.${o()}`)}
          </p>
        )}
      </Show>
    </div>
  );
}
