/** The invite link as a QR code. Scanning it (in Vada's scanner, or a camera app) opens the same link. */
import { createMemo, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { qrMatrix } from '../common/qrMatrix';
import { QrSvg } from '../common/QrSvg';

export function InviteQr(props: { link: string }): JSX.Element {
  const matrix = createMemo(() => qrMatrix(props.link));
  return (
    <Show
      when={matrix()}
      fallback={
        <p class="hint" data-testid="invite-qr-too-long">
          {t('circle.inviteTooLong')}
        </p>
      }
    >
      {(m) => <QrSvg matrix={m()} label={t('circle.inviteQr')} class="invite-qr" testId="invite-qr" />}
    </Show>
  );
}
