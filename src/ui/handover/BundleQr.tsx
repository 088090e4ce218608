/**
 * A bundle as QR codes: one code, or a sequence that turns over by itself
 * ("Code 3 of 5") so the other phone only has to hold its camera up; the
 * scanner collects the codes in any order. Pause, previous and next are there
 * for a camera that struggles with one of them.
 */
import { createMemo, createSignal, onCleanup, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { qrMatrix } from '../common/qrMatrix';
import { QrSvg } from '../common/QrSvg';

/** Long enough for a phone to focus and decode, short enough that ten codes pass in a quarter of a minute. */
export const QR_TURN_MS = 1500;

export function BundleQr(props: { parts: readonly string[] }): JSX.Element {
  const [at, setAt] = createSignal(0);
  const [paused, setPaused] = createSignal(false);
  const total = () => props.parts.length;
  const index = () => Math.min(at(), total() - 1);
  const step = (d: number) => setAt((i) => (Math.min(i, total() - 1) + d + total()) % total());
  const timer = setInterval(() => {
    if (!paused() && total() > 1) step(1);
  }, QR_TURN_MS);
  onCleanup(() => clearInterval(timer));
  const matrix = createMemo(() => {
    const part = props.parts[index()];
    return part === undefined ? undefined : qrMatrix(part, 'Alphanumeric');
  });
  return (
    <div class="bundle-qr" data-testid="share-qr" data-part={index() + 1} data-parts={total()}>
      <Show when={matrix()} fallback={<p class="hint">{t('share.qrTooLarge')}</p>}>
        {(m) => (
          <QrSvg
            matrix={m()}
            label={t('share.qrLabel', { n: index() + 1, total: total() })}
            class="invite-qr"
            testId="share-qr-code"
          />
        )}
      </Show>
      <Show when={total() > 1}>
        <p class="qr-position" aria-live="off" data-testid="share-qr-position">
          {t('share.qrPosition', { n: index() + 1, total: total() })}
        </p>
        <div class="button-row">
          <button type="button" data-testid="share-qr-prev" onClick={() => step(-1)}>
            {t('share.qrPrevious')}
          </button>
          <button
            type="button"
            data-testid="share-qr-pause"
            aria-pressed={paused()}
            onClick={() => setPaused((p) => !p)}
          >
            {paused() ? t('share.qrPlay') : t('share.qrPause')}
          </button>
          <button type="button" data-testid="share-qr-next" onClick={() => step(1)}>
            {t('share.qrNext')}
          </button>
        </div>
        <p class="hint">{t('share.qrSequenceHint')}</p>
      </Show>
    </div>
  );
}
