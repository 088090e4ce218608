/**
 * The disperse alert: a reason (required), where to reappear (nowhere, an
 * existing point, a new point, or — for the organizer — one of the point's
 * sealed fallback places), then the confirmation question and its button.
 * A new reappear point is published first by the store, then the alert
 * naming it, so followers never see a dangling link.
 */
import { createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { DISPERSE_REASONS, type DisperseReason, type RecordId } from '../../domain';
import { t } from '../../i18n';
import { emptyDraft, useVada } from '../../state';
import type { ReappearChoice } from '../../state/alertTypes';
import { reasonLabel } from './alertText';
import { createDraftForm } from '../points/createDraftForm';
import { createSubmission } from '../common/createSubmission';
import { PointFields } from '../points/PointFields';

type Choice = ReappearChoice['kind'];

export function DisperseAlertForm(props: {
  id: RecordId;
  onDone: (alertId: RecordId) => void;
  onBack: () => void;
}): JSX.Element {
  const store = useVada();
  const [reason, setReason] = createSignal<DisperseReason>();
  const [reasonMissing, setReasonMissing] = createSignal(false);
  const [choice, setChoice] = createSignal<Choice>('none');
  const [existing, setExisting] = createSignal<RecordId>();
  const [fallbackIndex, setFallbackIndex] = createSignal(0);
  const centre = store.ui.mapCenter();
  const form = createDraftForm(emptyDraft(centre.lat, centre.lon), () => choice() === 'new');
  const { busy, failure, run } = createSubmission();
  // Only the device that sealed the fallbacks holds their keys: offer them only there.
  const [fallbacks] = createResource(
    () => {
      const p = store.point(props.id);
      return p && store.isMine(p) && (p.fallbacks?.length ?? 0) > 0 ? p.id : undefined;
    },
    (id) => store.myFallbacks(id),
  );
  const others = () =>
    store.points().filter((p) => p.id !== props.id && (p.state === 'active' || p.state === 'upcoming'));
  let el!: HTMLFormElement;

  const reappear = (): ReappearChoice | undefined => {
    switch (choice()) {
      case 'none':
        return { kind: 'none' };
      case 'existing': {
        const id = existing() ?? others()[0]?.id;
        return id ? { kind: 'existing', point: id } : undefined;
      }
      case 'new':
        return { kind: 'new', draft: form.draft() };
      case 'fallback':
        return { kind: 'fallback', index: fallbackIndex() };
    }
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const r = reason();
    setReasonMissing(r === undefined);
    if (busy()) return;
    if (r === undefined) return queueMicrotask(() => el.querySelector<HTMLInputElement>('input[name=reason]')?.focus());
    if (choice() === 'new' && !form.check(el).ok) return;
    const target = reappear();
    if (!target) return;
    const id = props.id;
    const done = props.onDone;
    await run(async () => {
      const res = await store.raiseAlert(id, { kind: 'disperse', reason: r, reappear: target });
      if (!res.ok) return form.show(res.errors, el);
      if (res.reappearId) store.ui.setHighlight(res.reappearId);
      done(res.id);
    });
  };

  return (
    <form
      ref={el}
      class="point-form confirm"
      data-testid="disperse-alert-form"
      novalidate
      onSubmit={(e) => void submit(e)}
    >
      <h3>{t('alert.form.heading')}</h3>
      <fieldset class="field" aria-describedby={reasonMissing() ? `reason-error-${props.id}` : undefined}>
        <legend>{t('alert.form.reason')}</legend>
        <For each={DISPERSE_REASONS}>
          {(r) => (
            <label class="choice">
              <input
                type="radio"
                name="reason"
                value={r}
                checked={reason() === r}
                aria-invalid={reasonMissing() ? 'true' : undefined}
                onChange={() => {
                  setReason(r);
                  setReasonMissing(false);
                }}
              />
              {reasonLabel(r)}
            </label>
          )}
        </For>
        <Show when={reasonMissing()}>
          <p id={`reason-error-${props.id}`} class="field-error" data-testid="error-reason">
            {t('alert.form.reasonRequired')}
          </p>
        </Show>
      </fieldset>

      <div class="field">
        <label for={`reappear-choice-${props.id}`}>{t('alert.form.reappear')}</label>
        <select
          id={`reappear-choice-${props.id}`}
          data-testid="reappear-choice"
          onChange={(e) => setChoice(e.currentTarget.value as Choice)}
        >
          <option value="none" selected={choice() === 'none'}>
            {t('alert.form.reappear.none')}
          </option>
          <option value="existing" selected={choice() === 'existing'}>
            {t('alert.form.reappear.existing')}
          </option>
          <option value="new" selected={choice() === 'new'}>
            {t('alert.form.reappear.new')}
          </option>
          <Show when={(fallbacks()?.length ?? 0) > 0}>
            <option value="fallback" selected={choice() === 'fallback'}>
              {t('alert.form.reappear.fallback')}
            </option>
          </Show>
        </select>
      </div>

      <Show when={choice() === 'existing'}>
        <Show when={others().length > 0} fallback={<p class="field-error">{t('alert.form.noExisting')}</p>}>
          <div class="field">
            <label for={`reappear-existing-${props.id}`}>{t('alert.form.existing')}</label>
            <select
              id={`reappear-existing-${props.id}`}
              data-testid="reappear-existing"
              onChange={(e) => setExisting(e.currentTarget.value as RecordId)}
            >
              <For each={others()}>
                {(p) => (
                  <option value={p.id} dir="auto" selected={existing() === p.id}>
                    {p.title}
                  </option>
                )}
              </For>
            </select>
          </div>
        </Show>
      </Show>

      <Show when={choice() === 'fallback'}>
        <div class="field">
          <label for={`fallback-choice-${props.id}`}>{t('alert.form.fallback')}</label>
          <select
            id={`fallback-choice-${props.id}`}
            data-testid="fallback-choice"
            onChange={(e) => setFallbackIndex(Number(e.currentTarget.value))}
          >
            <For each={fallbacks() ?? []}>
              {(f, i) => (
                <option value={i()} selected={fallbackIndex() === i()}>
                  {f.label || t('alert.form.fallbackN', { n: i() + 1 })}
                </option>
              )}
            </For>
          </select>
        </div>
      </Show>

      <Show when={choice() === 'new'}>
        <fieldset class="nested">
          <legend>{t('alert.form.newLegend')}</legend>
          <PointFields
            prefix="reappear-"
            draft={form.draft()}
            update={form.update}
            errors={form.errors()}
            now={store.now()}
            showNote={false}
          />
        </fieldset>
      </Show>

      <Show when={failure()}>
        <p class="alert" role="alert" data-testid="disperse-failure">
          {failure()}
        </p>
      </Show>
      <p class="confirm-question" data-testid="alert-confirm-question">
        <strong>{t('alert.form.confirmQuestion')}</strong>
      </p>
      <div class="button-row">
        <button
          type="submit"
          class="warn"
          data-testid="alert-confirm"
          disabled={busy() || (choice() === 'existing' && others().length === 0)}
        >
          {t('alert.form.confirm')}
        </button>
        <button type="button" data-testid="alert-cancel" onClick={() => props.onBack()}>
          {t('alert.form.cancel')}
        </button>
      </div>
    </form>
  );
}
