/**
 * A link code (this phone's offer or answer) as one QR code, with the code's
 * text on the figure (`data-code`) for tests and tools. Link codes are base45
 * behind a marker, so they use QR's alphanumeric mode: the smallest code a
 * phone reads at arm's length.
 */
import { createMemo, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { qrMatrix } from '../common/qrMatrix';
import { QrSvg } from '../common/QrSvg';

/** QR's alphanumeric alphabet (upper case, digits, space and $%*+-./:). */
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

export function LinkCodeQr(props: { code: string; label: string; testId: string }): JSX.Element {
  const matrix = createMemo(() => qrMatrix(props.code, ALPHANUMERIC.test(props.code) ? 'Alphanumeric' : 'Byte'));
  return (
    <figure class="link-qr" data-testid={props.testId} data-code={props.code}>
      <Show when={matrix()} fallback={<p class="alert">{t('link.failed.connect-failed')}</p>}>
        {(m) => <QrSvg matrix={m()} label={props.label} class="invite-qr" testId={`${props.testId}-code`} />}
      </Show>
    </figure>
  );
}
