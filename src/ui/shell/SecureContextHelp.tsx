/**
 * Shown instead of the app when the page is not a secure context (opened as
 * http://<LAN address>): the browser gives Vada no WebCrypto there, so
 * nothing would work. Says why, which https address to open (as a link and
 * as text to copy or type on another phone), and how to get past the
 * self-signed certificate warning safely: compare the fingerprint with the
 * relay operator's screen, never with anything a web page shows.
 */
import { Show, type JSX } from 'solid-js';
import { t } from '../../i18n';

export interface SecureContextHelpProps {
  /** The https:// address to open instead. */
  readonly address: string;
  /** True when the relay said it serves https; false: it must be restarted with --tls first. */
  readonly relayHasTls: boolean;
}

export function SecureContextHelp(props: SecureContextHelpProps): JSX.Element {
  return (
    <main class="startup-error secure-help" data-testid="secure-context-help">
      <h1>{t('secure.heading')}</h1>
      <p data-testid="secure-why">{t('secure.why')}</p>
      <Show when={props.relayHasTls} fallback={<p data-testid="secure-no-tls">{t('secure.noTls')}</p>}>
        <p>{t('secure.openThis')}</p>
      </Show>
      <p>
        <a href={props.address} rel="noreferrer" data-testid="secure-link">
          {props.address}
        </a>
      </p>
      <p>
        <code class="secure-address" data-testid="secure-address">
          {props.address}
        </code>
      </p>
      <h2>{t('secure.stepsHeading')}</h2>
      <ol data-testid="secure-steps">
        <li>{t('secure.stepWarning')}</li>
        <li>{t('secure.stepCompare')}</li>
        <li>{t('secure.stepContinue')}</li>
      </ol>
      <p class="hint">{t('secure.onlyScreen')}</p>
    </main>
  );
}
