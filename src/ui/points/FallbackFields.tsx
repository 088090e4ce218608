/**
 * Up to three fallback places for a new point: a short name and a place
 * picked on the map each. They are sealed into the point so nobody can read
 * them until the organizer's disperse alert opens one.
 */
import { Index, Show, type JSX } from 'solid-js';
import { codePoints, LIMITS, roundCoord } from '../../domain';
import { formatCoord, t } from '../../i18n';
import { useVada, type FieldError as Code } from '../../state';
import type { FallbackDraft } from '../../state/alertTypes';

export function FallbackFields(props: {
  fallbacks: readonly FallbackDraft[];
  onChange: (next: readonly FallbackDraft[]) => void;
  error: Code | undefined;
}): JSX.Element {
  const { ui } = useVada();
  const set = (i: number, patch: Partial<FallbackDraft>) =>
    props.onChange(props.fallbacks.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const pick = async (i: number) => {
    const place = await ui.pickPlace();
    if (place) set(i, { lat: place.lat, lon: place.lon });
  };
  const errorText = (code: Code) =>
    code === 'tooLong'
      ? t('error.fallbacks.tooLong', { max: LIMITS.fallbackLabelChars })
      : code === 'oneLine'
        ? t('error.fallbacks.oneLine')
        : code === 'required'
          ? t('error.fallbacks.required')
          : code === 'controlChars'
            ? t('error.text.controlChars')
            : t('error.fallbacks.invalid');
  return (
    <fieldset
      class="field fallbacks"
      data-testid="fallback-fields"
      aria-describedby={props.error ? 'fallbacks-error' : 'fallbacks-hint'}
    >
      <legend>{t('fallback.heading')}</legend>
      <p id="fallbacks-hint" class="hint">
        {t('fallback.hint')}
      </p>
      <Index each={props.fallbacks}>
        {(f, i) => (
          <div class="fallback-row" data-testid="fallback-row">
            <label for={`fallback-label-${i}`}>{t('fallback.label', { n: i + 1 })}</label>
            <input
              id={`fallback-label-${i}`}
              data-testid="fallback-label"
              autocomplete="off"
              value={f().label}
              aria-invalid={
                props.error && (f().label.trim() === '' || codePoints(f().label.trim()) > LIMITS.fallbackLabelChars)
                  ? 'true'
                  : undefined
              }
              onInput={(e) => set(i, { label: e.currentTarget.value })}
            />
            <output class="place-value" data-testid="fallback-place" aria-live="polite">
              {f().lat !== undefined && f().lon !== undefined ? (
                // Coordinates read latitude, longitude left to right in every language, as maps write them.
                <span dir="ltr">
                  {t('field.placeValue', {
                    lat: formatCoord(roundCoord(f().lat as number)),
                    lon: formatCoord(roundCoord(f().lon as number)),
                  })}
                </span>
              ) : (
                t('field.placeNone')
              )}
            </output>
            <div class="button-row">
              <button type="button" data-testid="fallback-pick" onClick={() => void pick(i)}>
                {t('fallback.pick')}
              </button>
              <button
                type="button"
                data-testid="fallback-remove"
                aria-label={t('fallback.removeLabel', { n: i + 1 })}
                onClick={() => props.onChange(props.fallbacks.filter((_, j) => j !== i))}
              >
                {t('fallback.remove')}
              </button>
            </div>
          </div>
        )}
      </Index>
      <Show when={props.fallbacks.length < LIMITS.fallbackMax}>
        <button
          type="button"
          data-testid="fallback-add"
          onClick={() => props.onChange([...props.fallbacks, { label: '', lat: undefined, lon: undefined }])}
        >
          {t('fallback.add')}
        </button>
      </Show>
      <Show when={props.error}>
        {(code) => (
          <p id="fallbacks-error" class="field-error" data-testid="error-fallbacks">
            {errorText(code())}
          </p>
        )}
      </Show>
    </fieldset>
  );
}
