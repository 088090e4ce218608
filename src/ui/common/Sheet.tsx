/**
 * A bottom sheet over the map: a labelled, non-modal dialog (the map stays
 * usable, e.g. to pick a place). Focus moves to its heading when it opens;
 * Escape or the close button closes it, and focus goes back to where it was.
 */
import { createUniqueId, onCleanup, onMount, type JSX } from 'solid-js';
import { t } from '../../i18n';

export function Sheet(props: {
  title: string;
  onClose: () => void;
  testId: string;
  children: JSX.Element;
}): JSX.Element {
  const headingId = createUniqueId();
  let heading!: HTMLHeadingElement;
  let section!: HTMLElement;
  onMount(() => {
    const opener = document.activeElement;
    heading.focus();
    onCleanup(() => {
      // Only when focus would otherwise be lost: never steal it from where the user went.
      const lost =
        !document.activeElement || document.activeElement === document.body || section.contains(document.activeElement);
      if (lost && opener instanceof HTMLElement && opener.isConnected) opener.focus();
    });
  });
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') props.onClose();
  };
  return (
    <section
      ref={section}
      class="sheet"
      role="dialog"
      aria-labelledby={headingId}
      data-testid={props.testId}
      onKeyDown={onKeyDown}
    >
      <header class="sheet-head">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {/* Often a peer's title: isolated so its direction cannot reorder the header. */}
          <bdi>{props.title}</bdi>
        </h2>
        <button
          type="button"
          class="icon-button"
          aria-label={t('sheet.close')}
          data-testid="sheet-close"
          onClick={() => props.onClose()}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </header>
      <div class="sheet-body">{props.children}</div>
    </section>
  );
}
