/**
 * The propose sheet: a form that publishes a new gathering point. The required
 * fields and Publish come first and fit a 360 × 640 phone; the note, the circle
 * and the sealed fallback places are folded away (ProposeOptions) and unfold
 * by themselves when one of them holds an error.
 */
import { createEffect, createSignal, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { emptyDraft, useVada } from '../../state';
import { createDraftForm } from './createDraftForm';
import { FieldError } from './FieldError';
import { PointFields } from './PointFields';
import { errorsInOptions, ProposeOptions } from './ProposeOptions';
import { createSubmission } from '../common/createSubmission';
import { Sheet } from '../common/Sheet';

export function ProposeSheet(props: { lat: number; lon: number }): JSX.Element {
  const store = useVada();
  // eslint-disable-next-line solid/reactivity -- the place where the sheet opened is its starting value
  const form = createDraftForm({ ...emptyDraft(props.lat, props.lon), circle: store.circles.publishTo() });
  const { busy, failure, run } = createSubmission();
  const [optionsOpen, setOptionsOpen] = createSignal(false);
  let el!: HTMLFormElement;

  // Runs as the errors are shown, before createDraftForm focuses the first invalid field (a microtask later).
  createEffect(() => {
    if (errorsInOptions(form.errors())) setOptionsOpen(true);
  });

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy() || !form.check(el).ok) return;
    await run(async () => {
      const r = await store.propose(form.draft());
      if (!r.ok) return form.show(r.errors, el);
      store.ui.close();
    });
  };

  return (
    <Sheet title={t('propose.heading')} testId="propose-sheet" onClose={() => store.ui.close()}>
      <form
        ref={el}
        class="point-form propose-form"
        data-testid="propose-form"
        novalidate
        onSubmit={(e) => void submit(e)}
      >
        <PointFields
          prefix=""
          draft={form.draft()}
          update={form.update}
          errors={form.errors()}
          now={store.now()}
          showNote={false}
        />
        <ProposeOptions
          draft={form.draft()}
          update={form.update}
          errors={form.errors()}
          open={optionsOpen()}
          onToggle={setOptionsOpen}
        />
        <FieldError id="propose-form-error" field="form" code={form.errors().form} />
        <Show when={Object.keys(form.errors()).length > 0}>
          <p class="field-error">{t('propose.checkFields')}</p>
        </Show>
        <Show when={failure()}>
          <p class="alert" role="alert" data-testid="propose-failure">
            {failure()}
          </p>
        </Show>
        <button type="submit" class="primary" data-testid="propose-submit" disabled={busy()}>
          {busy() ? t('propose.publishing') : t('propose.submit')}
        </button>
      </form>
    </Sheet>
  );
}
