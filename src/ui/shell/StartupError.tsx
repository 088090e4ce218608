/** Shown instead of a blank page when the app cannot start (e.g. storage blocked in a private window). */
import type { JSX } from 'solid-js';
import { t } from '../../i18n';

function reason(error: unknown): string {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  if (/indexeddb|storage|quota|InvalidStateError|SecurityError/i.test(text)) return t('startup.storage');
  if (/ed25519|NotSupportedError|subtle/i.test(text)) return t('startup.crypto');
  return '';
}

export function StartupError(props: { error: unknown }): JSX.Element {
  const detail = () => (props.error instanceof Error ? props.error.message : String(props.error));
  return (
    <main class="startup-error" role="alert" data-testid="startup-error">
      <h1>{t('startup.heading')}</h1>
      <p>{reason(props.error)}</p>
      <p class="hint">{t('startup.detail', { detail: detail() })}</p>
      <button type="button" class="primary" onClick={() => location.reload()}>
        {t('startup.retry')}
      </button>
    </main>
  );
}
