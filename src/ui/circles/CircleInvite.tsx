/**
 * A circle's invite: the link (read-only, selectable, copyable), its QR code,
 * and in words what handing it out means. The link carries the circle's key
 * in its fragment, so whoever holds it is a member. It also says how people
 * should join: with Vada's own scanner or by pasting, never by opening the
 * link in a browser, whose history files keep the whole link (key included)
 * where the panic wipe cannot reach.
 */
import { createSignal, createUniqueId, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { useVada } from '../../state';
import { InviteQr } from './InviteQr';

export function CircleInvite(props: { name: string; link: string; onHide: () => void }): JSX.Element {
  const id = createUniqueId();
  const [copied, setCopied] = createSignal<boolean>();
  const { device } = useVada();
  let field!: HTMLInputElement;
  const copy = async () => {
    const ok = await device.copyText(props.link);
    setCopied(ok);
    // Without clipboard access, select the link so the user can copy it by hand.
    if (!ok) field.select();
  };
  return (
    <div class="circle-invite-box" data-testid="circle-invite-box">
      <p class="invite-warning" role="note" data-testid="invite-warning">
        {t('circle.inviteWarning')}
      </p>
      <p class="hint" data-testid="invite-how-to-join">
        {t('invite.howToJoin', {
          circles: t('circle.heading'),
          scan: t('circle.scanInvite'),
          join: t('circle.joinHeading'),
        })}
      </p>
      <label for={id}>{t('circle.inviteLink', { name: props.name })}</label>
      <input
        ref={field}
        id={id}
        class="invite-link"
        data-testid="invite-link"
        readOnly
        spellcheck={false}
        autocomplete="off"
        value={props.link}
        onFocus={(e) => e.currentTarget.select()}
      />
      <div class="button-row">
        <button type="button" data-testid="invite-copy" onClick={() => void copy()}>
          {t('circle.copy')}
        </button>
        <button type="button" data-testid="invite-hide" onClick={() => props.onHide()}>
          {t('circle.inviteHide')}
        </button>
      </div>
      <Show when={copied() !== undefined}>
        <p role="status" class="hint" data-testid="invite-copied">
          {copied() ? t('circle.copied') : t('circle.copyFailed')}
        </p>
      </Show>
      <InviteQr link={props.link} />
    </div>
  );
}
