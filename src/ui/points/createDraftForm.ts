/**
 * Form state for a point draft: the draft, its field errors (shown after the
 * first submit attempt, then kept live), and the map ring at its place.
 */
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js';
import { useVada, type DraftResult, type FieldErrors, type PointDraft } from '../../state';
// Not through the state barrel: the checks load with the point sheets, not at start.
import { validateDraft } from '../../state/validateDraft';

export interface DraftForm {
  readonly draft: Accessor<PointDraft>;
  readonly errors: Accessor<FieldErrors>;
  update(patch: Partial<PointDraft>): void;
  /** Validates and shows the errors; focuses the first invalid control in `form`. */
  check(form?: HTMLElement): DraftResult;
  /** Shows errors that came back from the store (validated again at publish time). */
  show(errors: FieldErrors, form?: HTMLElement): void;
}

/** `ring`: whether the draft's place should be ringed on the map now. */
export function createDraftForm(initial: PointDraft, ring: Accessor<boolean> = () => true): DraftForm {
  const store = useVada();
  const [draft, setDraft] = createSignal(initial);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  let tried = false;

  createEffect(() => {
    const d = draft();
    const show = ring() && d.lat !== undefined && d.lon !== undefined;
    store.ui.setDraftPlace(show ? { lat: d.lat as number, lon: d.lon as number } : undefined);
  });
  onCleanup(() => store.ui.setDraftPlace(undefined));

  const show = (errs: FieldErrors, form?: HTMLElement) => {
    tried = true;
    setErrors(errs);
    queueMicrotask(() =>
      form?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset[aria-describedby] button')?.focus(),
    );
  };
  return {
    draft,
    errors,
    update(patch) {
      setDraft((d) => ({ ...d, ...patch }));
      if (tried) {
        const v = validateDraft(draft(), store.clockNow());
        setErrors(v.ok ? {} : v.errors);
      }
    },
    check(form) {
      const v = validateDraft(draft(), store.clockNow());
      if (v.ok) setErrors({});
      else show(v.errors, form);
      return v;
    },
    show,
  };
}
