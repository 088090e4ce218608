/**
 * The thumb-reachable bar: Propose (map centre), List, Circles, Settings, the
 * connection state and, when the phone's clock is off, a line saying so.
 */
import type { JSX } from 'solid-js';
import { t } from '../../i18n';
import { useVada, type Panel } from '../../state';
import { ClockSkewNote } from './ClockSkewNote';
import { ConnectionIndicator } from './ConnectionIndicator';

export function BottomBar(): JSX.Element {
  const { ui } = useVada();
  const toggle = (kind: 'list' | 'circles' | 'settings') =>
    ui.panel().kind === kind ? ui.close() : ui.open({ kind } as Panel);
  return (
    <nav class="bar" aria-label={t('bar.label')}>
      <ConnectionIndicator />
      <ClockSkewNote />
      <div class="bar-buttons">
        <button type="button" class="primary" data-testid="propose-button" onClick={() => ui.propose()}>
          <span aria-hidden="true">+ </span>
          {t('bar.propose')}
        </button>
        <button
          type="button"
          data-testid="list-button"
          aria-pressed={ui.panel().kind === 'list'}
          onClick={() => toggle('list')}
        >
          {t('bar.list')}
        </button>
        <button
          type="button"
          data-testid="circles-button"
          aria-pressed={ui.panel().kind === 'circles'}
          onClick={() => toggle('circles')}
        >
          {t('bar.circles')}
        </button>
        <button
          type="button"
          data-testid="settings-button"
          aria-pressed={ui.panel().kind === 'settings'}
          onClick={() => toggle('settings')}
        >
          {t('bar.settings')}
        </button>
      </div>
    </nav>
  );
}
