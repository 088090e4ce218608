/**
 * The invite link as a QR code, drawn as one SVG path built with Solid JSX
 * (an attribute value, never markup). Scanning it opens the same link.
 */
import { createMemo, Show, type JSX } from 'solid-js';
import { t } from '../i18n';
import { qrMatrix, qrPath } from './qrMatrix';

/** The quiet zone the QR specification asks for around the code, in modules. */
const MARGIN = 4;

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
      {(m) => {
        const side = () => m().size + 2 * MARGIN;
        return (
          <svg
            class="invite-qr"
            data-testid="invite-qr"
            data-modules={m().size}
            role="img"
            aria-label={t('circle.inviteQr')}
            viewBox={`0 0 ${side()} ${side()}`}
            shape-rendering="crispEdges"
          >
            <rect width={side()} height={side()} fill="#ffffff" />
            <path d={qrPath(m(), MARGIN)} fill="#000000" />
          </svg>
        );
      }}
    </Show>
  );
}
