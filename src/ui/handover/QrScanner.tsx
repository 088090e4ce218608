/**
 * The camera view that reads QR codes (signed records, circle invites) when
 * phones hand them over without the internet: the live picture, a status line
 * the caller can set (e.g. "3 of 5"), a translated message when the camera or
 * decoder fails, and Cancel. The scanner starts on mount and stops on cleanup,
 * so closing the sheet always turns the camera off.
 */
import { createSignal, onCleanup, onMount, Show, type JSX } from 'solid-js';
import { isQrScannerError, type QrScannerErrorCode } from '../../domain/qrScannerError';
import { t } from '../../i18n';
import type { StartQrScanner } from '../../platform/loadQrScanner';
import type { QrScannerHandle } from '../../platform/qrScanner';
import { useVada } from '../../state';

export interface QrScannerProps {
  /** Each decoded text, once per change (the same code held still is reported once). */
  onText(text: string): void;
  /** Cancel was pressed. */
  onClose(): void;
  /** The caller's progress line, e.g. "3 of 5"; replaces the default hint. */
  status?: string;
  /** The scanner to run; the store's device port (the real one, loaded on first use) unless a test passes a fake. */
  start?: StartQrScanner;
}

export function QrScanner(props: QrScannerProps): JSX.Element {
  // eslint-disable-next-line solid/reactivity -- the scanner is fixed for the component's life
  const start = props.start ?? useVada().device.startQrScanner;
  let video!: HTMLVideoElement;
  const [running, setRunning] = createSignal(false);
  const [error, setError] = createSignal<QrScannerErrorCode>();
  let handle: QrScannerHandle | undefined;
  let disposed = false;

  // Read when called, so a caller may swap its handler while the camera runs.
  const onText = (text: string) => props.onText(text);
  onMount(() => {
    start(video, onText, { onFailure: (e) => setError(e.code) }).then(
      (h) => {
        // Closed while the camera was starting: turn it off at once.
        if (disposed) return h.stop();
        handle = h;
        setRunning(true);
      },
      (e: unknown) => {
        if (!disposed) setError(isQrScannerError(e) ? e.code : 'camera-failed');
      },
    );
  });
  onCleanup(() => {
    disposed = true;
    handle?.stop();
    handle = undefined;
  });

  const hint = () => (running() ? t('qrScanner.aim') : t('qrScanner.starting'));

  return (
    <section class="qr-scanner" data-testid="qr-scanner">
      <video
        ref={(el) => {
          video = el;
          // The property, not the attribute: the `muted` attribute only sets the default.
          el.muted = true;
        }}
        class="qr-scanner-video"
        aria-label={t('qrScanner.label')}
        hidden={error() !== undefined}
        playsinline
      />
      <Show when={props.status !== undefined || error() === undefined}>
        <p class="state-line" role="status" data-testid="qr-scanner-status">
          {props.status ?? hint()}
        </p>
      </Show>
      <Show when={error()}>
        {(code) => (
          <p class="alert" role="alert" data-testid="qr-scanner-error">
            {t(`qrScanner.error.${code()}`)}
          </p>
        )}
      </Show>
      <div class="button-row">
        <button type="button" data-testid="qr-scanner-cancel" onClick={() => props.onClose()}>
          {t('qrScanner.cancel')}
        </button>
      </div>
    </section>
  );
}
