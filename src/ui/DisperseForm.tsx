/**
 * "Mark dispersed", optionally with where to reappear: one form, one confirm
 * tap. The reappear point is published first, then the disperse record
 * naming it (the store does both), so followers never see a dangling link.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import type { RecordId } from '../domain';
import { t } from '../i18n';
import { emptyDraft, useVada } from '../state';
import { createDraftForm } from './createDraftForm';
import { PointFields } from './PointFields';
import { createSubmission } from './createSubmission';

export function DisperseForm(props: { id: RecordId; onBack: () => void }): JSX.Element {
  const store = useVada();
  const [withReappear, setWithReappear] = createSignal(false);
  const centre = store.ui.mapCenter();
  const form = createDraftForm(emptyDraft(centre.lat, centre.lon), withReappear);
  const { busy, failure, run } = createSubmission();
  let el!: HTMLFormElement;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const id = props.id;
    const reappear = withReappear() ? form.draft() : undefined;
    if (busy() || (reappear && !form.check(el).ok)) return;
    await run(async () => {
      const r = await store.disperse(id, reappear);
      if (!r.ok) return form.show(r.errors, el);
      if (r.reappearId) store.ui.setHighlight(r.reappearId);
    });
  };

  return (
    <form ref={el} class="point-form confirm" data-testid="disperse-form" novalidate onSubmit={(e) => void submit(e)}>
      <h3>{t('disperse.heading')}</h3>
      <p>{t('disperse.explain')}</p>
      <label class="choice">
        <input
          type="checkbox"
          data-testid="disperse-with-reappear"
          checked={withReappear()}
          onChange={(e) => setWithReappear(e.currentTarget.checked)}
        />
        {t('disperse.withReappear')}
      </label>
      <Show when={withReappear()}>
        <fieldset class="nested">
          <legend>{t('disperse.reappearLegend')}</legend>
          <PointFields prefix="reappear-" draft={form.draft()} update={form.update} errors={form.errors()} now={store.now()} showNote={false} />
        </fieldset>
      </Show>
      <Show when={failure()}>
        <p class="alert" role="alert" data-testid="disperse-failure">
          {failure()}
        </p>
      </Show>
      <div class="button-row">
        <button type="submit" class="warn" data-testid="disperse-confirm" disabled={busy()}>
          {withReappear() ? t('disperse.confirmWithReappear') : t('disperse.confirm')}
        </button>
        <button type="button" data-testid="disperse-back" onClick={() => props.onBack()}>
          {t('common.back')}
        </button>
      </div>
    </form>
  );
}
