/**
 * A bottom sheet over the map: a labelled, non-modal dialog (the map stays
 * usable, e.g. to pick a place). Focus moves to its heading when it opens;
 * Escape or the close button closes it, and focus goes back to where it was.
 * With `onFileDrop`, a file dragged from outside may be dropped anywhere on it.
 */
import { createUniqueId, onCleanup, onMount, type JSX } from 'solid-js';
import { t } from '../../i18n';

export function Sheet(props: {
  title: string;
  onClose: () => void;
  testId: string;
  children: JSX.Element;
  /** A file dropped on the sheet (only drags that carry files are taken). */
  onFileDrop?: (file: File) => void;
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
  const carriesFiles = (e: DragEvent) => props.onFileDrop !== undefined && e.dataTransfer?.types.includes('Files');
  const onDragOver = (e: DragEvent) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (e: DragEvent) => {
    const file = e.dataTransfer?.files[0];
    if (!props.onFileDrop || !file) return;
    e.preventDefault();
    props.onFileDrop(file);
  };
  return (
    <section
      ref={section}
      class="sheet"
      role="dialog"
      aria-labelledby={headingId}
      data-testid={props.testId}
      onKeyDown={onKeyDown}
      onDragOver={onDragOver}
      onDrop={onDrop}
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
