/**
 * The fields of a point (title, note, start, duration, place), shared by the
 * propose sheet and the "reappear at" part of dispersal. Controlled: the
 * parent owns the draft and the error codes. Laid out to fit a 360 × 640
 * phone with the Publish button (issue 11): the characters left share the
 * title's label line, start and duration share one row.
 */
import { For, Show, type JSX } from 'solid-js';
import { codePoints, LIMITS } from '../../domain';
import { formatClock, formatDuration, t } from '../../i18n';
import { DURATION_CHOICES_MIN, resolveStart, type FieldErrors, type PointDraft } from '../../state';
import { FieldError } from './FieldError';
import { NoteField } from './NoteField';
import { PlaceField } from './PlaceField';

export interface PointFieldsProps {
  /** Prefix for ids and test ids ("" for propose, "reappear-" for dispersal). */
  prefix: string;
  draft: PointDraft;
  update: (patch: Partial<PointDraft>) => void;
  errors: FieldErrors;
  now: number;
  /** Whether the note is among these fields (the propose sheet shows it folded away instead). */
  showNote: boolean;
}

export function PointFields(props: PointFieldsProps): JSX.Element {
  const id = (name: string) => `${props.prefix}${name}`;
  const described = (name: keyof FieldErrors) => (props.errors[name] ? id(`${name}-error`) : undefined);
  const startAt = () => {
    const s = props.draft.start;
    return s.mode === 'at' ? resolveStart(s, props.now) : undefined;
  };
  const at = () => (props.draft.start.mode === 'at' ? props.draft.start.time : '');

  return (
    <>
      <div class="field">
        <div class="label-row">
          <label for={id('title')}>{t('field.title')}</label>
          <p id={id('title-hint')} class="hint">
            {t('field.charsLeft', { count: Math.max(0, LIMITS.titleChars - codePoints(props.draft.title.trim())) })}
          </p>
        </div>
        <input
          id={id('title')}
          name="title"
          data-testid={id('field-title')}
          autocomplete="off"
          enterkeyhint="next"
          value={props.draft.title}
          aria-invalid={props.errors.title ? 'true' : undefined}
          aria-describedby={described('title') ?? id('title-hint')}
          onInput={(e) => props.update({ title: e.currentTarget.value })}
        />
        <FieldError id={id('title-error')} field="title" code={props.errors.title} />
      </div>

      <Show when={props.showNote}>
        <NoteField
          prefix={props.prefix}
          value={props.draft.note}
          onInput={(note) => props.update({ note })}
          error={props.errors.note}
        />
      </Show>

      <div class="when-row">
        <fieldset class="field" aria-describedby={described('start')}>
          <legend>{t('field.start')}</legend>
          <label class="choice">
            <input
              type="radio"
              name={id('start')}
              data-testid={id('field-start-now')}
              checked={props.draft.start.mode === 'now'}
              onChange={() => props.update({ start: { mode: 'now' } })}
            />
            {t('field.startNow')}
          </label>
          <label class="choice">
            <input
              type="radio"
              name={id('start')}
              data-testid={id('field-start-at')}
              checked={props.draft.start.mode === 'at'}
              onChange={() => props.update({ start: { mode: 'at', time: at() } })}
            />
            {t('field.startAt')}
          </label>
          <Show when={props.draft.start.mode === 'at'}>
            <label for={id('start-time')}>{t('field.startTime')}</label>
            <input
              id={id('start-time')}
              type="time"
              data-testid={id('field-start-time')}
              value={at()}
              aria-invalid={props.errors.start ? 'true' : undefined}
              onInput={(e) => props.update({ start: { mode: 'at', time: e.currentTarget.value } })}
            />
            <Show when={startAt()}>
              {(s) => <p class="hint">{t('field.startsAt', { time: formatClock(s(), props.now) })}</p>}
            </Show>
          </Show>
          <FieldError id={id('start-error')} field="start" code={props.errors.start} />
        </fieldset>

        <div class="field">
          <label for={id('duration')}>{t('field.duration')}</label>
          <select
            id={id('duration')}
            data-testid={id('field-duration')}
            aria-describedby={described('duration')}
            onChange={(e) => props.update({ durationMin: Number(e.currentTarget.value) })}
          >
            <For each={DURATION_CHOICES_MIN}>
              {(m) => (
                <option value={m} selected={props.draft.durationMin === m}>
                  {formatDuration(m * 60_000)}
                </option>
              )}
            </For>
          </select>
          <FieldError id={id('duration-error')} field="duration" code={props.errors.duration} />
        </div>
      </div>

      <PlaceField
        prefix={props.prefix}
        place={
          props.draft.lat !== undefined && props.draft.lon !== undefined
            ? { lat: props.draft.lat, lon: props.draft.lon }
            : undefined
        }
        onChange={(p) => props.update({ lat: p.lat, lon: p.lon })}
        error={props.errors.place}
      />
    </>
  );
}
