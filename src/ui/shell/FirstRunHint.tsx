/**
 * The first-run hint (issue 11): three short lines over the bottom of the map
 * (how to propose, that the public circle is public, where private circles
 * are) and "Got it". A labelled region, not a modal dialog: it traps nothing,
 * and the map and the bar stay usable around it. Focus goes to its heading
 * when it appears with nothing else focused (first start) or when Settings
 * asked for it, and back where it was once dismissed; "Got it" or Escape
 * dismiss it for good (src/state/createFirstRun.ts decides when it shows).
 */
import { createUniqueId, onCleanup, onMount, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { useVada } from '../../state';

/** The hint, while the store says it is on screen. */
export function FirstRunHint(): JSX.Element {
  const { firstRun } = useVada();
  return (
    <Show when={firstRun.visible()}>
      <HintCard />
    </Show>
  );
}

function HintCard(): JSX.Element {
  const { firstRun } = useVada();
  const headingId = createUniqueId();
  let heading!: HTMLHeadingElement;
  let section!: HTMLElement;
  onMount(() => {
    const opener = document.activeElement;
    const idle = !opener || opener === document.body;
    // Never pull focus away from where the person is, unless they asked for the hint.
    if (idle || firstRun.reason() === 'asked') heading.focus();
    onCleanup(() => {
      const inside =
        !document.activeElement || document.activeElement === document.body || section.contains(document.activeElement);
      if (inside && !idle && opener instanceof HTMLElement && opener.isConnected) opener.focus();
    });
  });
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    firstRun.dismiss();
  };
  return (
    <section
      ref={section}
      class="first-run-hint"
      aria-labelledby={headingId}
      data-testid="first-run-hint"
      onKeyDown={onKeyDown}
    >
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t('firstRun.heading')}
      </h2>
      <ul>
        <li>{t('firstRun.propose', { propose: t('bar.propose') })}</li>
        <li>{t('firstRun.public')}</li>
        <li>{t('firstRun.circles', { circles: t('bar.circles') })}</li>
      </ul>
      <button type="button" class="primary" data-testid="first-run-hint-dismiss" onClick={() => firstRun.dismiss()}>
        {t('firstRun.gotIt')}
      </button>
    </section>
  );
}
