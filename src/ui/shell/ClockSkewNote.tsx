/**
 * Says in words, under the connection line, that this phone's clock is off
 * ("Your phone's clock is 9 min fast") once the relays' time shows it beyond
 * the tolerance, and whether Vada corrects all of it. Shown only then: a
 * wrong clock is why points can seem to vanish or never arrive.
 */
import { Show, type JSX } from 'solid-js';
import { CLOCK_SYNC } from '../../domain';
import { t } from '../../i18n';
import { useVada } from '../../state';

const MINUTE = 60_000;

export function ClockSkewNote(): JSX.Element {
  const { networkTime } = useVada();
  // Relay time minus phone time: negative when the phone is ahead (fast).
  const measured = () => networkTime.estimate()?.measuredMs ?? 0;
  const off = () => Math.abs(measured()) > CLOCK_SYNC.toleranceMs;
  const text = () => {
    const e = networkTime.estimate();
    const minutes = Math.round(Math.abs(measured()) / MINUTE);
    const fast = measured() < 0;
    if (e?.capped)
      return t(fast ? 'clock.fastCapped' : 'clock.slowCapped', {
        minutes,
        max: Math.round(CLOCK_SYNC.maxCorrectionMs / MINUTE),
      });
    return t(fast ? 'clock.fast' : 'clock.slow', { minutes });
  };
  return (
    <Show when={off()}>
      <p
        class="clock-skew"
        role="status"
        data-testid="clock-skew"
        data-offset-ms={measured()}
        data-correction-ms={networkTime.correction()}
      >
        {text()}
      </p>
    </Show>
  );
}
