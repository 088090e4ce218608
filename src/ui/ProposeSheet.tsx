/** The propose sheet: a form that publishes a new gathering point, with optional sealed fallback places. */
import { Show, type JSX } from 'solid-js';
import { t } from '../i18n';
import { emptyDraft, useVada } from '../state';
import { CirclePicker } from './CirclePicker';
import { createDraftForm } from './createDraftForm';
import { FallbackFields } from './FallbackFields';
import { FieldError } from './FieldError';
import { PointFields } from './PointFields';
import { createSubmission } from './createSubmission';
import { Sheet } from './Sheet';

export function ProposeSheet(props: { lat: number; lon: number }): JSX.Element {
  const store = useVada();
  // eslint-disable-next-line solid/reactivity -- the place where the sheet opened is its starting value
  const form = createDraftForm({ ...emptyDraft(props.lat, props.lon), circle: store.circles.publishTo() });
  const { busy, failure, run } = createSubmission();
  let el!: HTMLFormElement;

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
      <form ref={el} class="point-form" data-testid="propose-form" novalidate onSubmit={(e) => void submit(e)}>
        <PointFields
          prefix=""
          draft={form.draft()}
          update={form.update}
          errors={form.errors()}
          now={store.now()}
          showNote
        />
        <CirclePicker
          value={form.draft().circle ?? store.circles.publishTo()}
          onChange={(circle) => form.update({ circle })}
        />
        <FallbackFields
          fallbacks={form.draft().fallbacks ?? []}
          onChange={(fallbacks) => form.update({ fallbacks })}
          error={form.errors().fallbacks}
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
